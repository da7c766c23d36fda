using BriefingBot.Memory;

namespace BriefingBot.Bot.Turns;

/// <summary>The catalog of the memory's documents.</summary>
public sealed class MemorySourceCatalog(BriefingMemory memory) : ISourceCatalog
{
    public async Task<SourceSummary> SummarizeAsync(int take, CancellationToken cancellationToken)
    {
        var statistics = await memory.Store.GetStatisticsAsync(cancellationToken);
        var documents = await memory.ListAsync(take: Math.Clamp(statistics.Documents, 1, 1000), cancellationToken: cancellationToken);
        var latest = documents
            .OrderByDescending(d => d.Published ?? d.Updated)
            .ThenBy(d => d.Title, StringComparer.OrdinalIgnoreCase)
            .Take(take)
            .ToList();
        return new SourceSummary(statistics.Documents, statistics.Chunks, latest);
    }
}
