using BriefingBot.Memory.Documents;

namespace BriefingBot.Bot.Turns;

/// <summary>What the memory holds, for the <c>sources</c> command and the welcome prompts.</summary>
public interface ISourceCatalog
{
    Task<SourceSummary> SummarizeAsync(int take, CancellationToken cancellationToken);
}
