using System.Diagnostics;
using BriefingBot.Memory;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Retrieval;

namespace BriefingBot.Evaluation.Metrics;

/// <summary>
/// Warm latency of a memory, in process and one call at a time: <see cref="WarmUp"/> asks first, then for each
/// question the query embedding (when an embedder is given), <c>SearchAsync</c> for the passages an ask reads, and
/// <c>AskAsync</c>, each timed on its own.
/// </summary>
internal static class WarmLatency
{
    public const int WarmUp = 20;

    public static async Task<WarmLatencySeries> MeasureAsync(
        BriefingMemory memory, IReadOnlyList<string> questions, int passages, OnnxEmbeddingGenerator? queryEmbedder, CancellationToken cancellationToken)
    {
        foreach (var question in questions.Take(WarmUp))
        {
            await memory.AskAsync(question, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var series = new WarmLatencySeries([], [], []);
        var clock = new Stopwatch();
        foreach (var question in questions)
        {
            if (queryEmbedder is not null)
            {
                clock.Restart();
                await queryEmbedder.GenerateAsync([question], EmbeddingPurpose.QueryOptions, cancellationToken).ConfigureAwait(false);
                series.Embed.Add(clock.Elapsed.TotalMilliseconds);
            }

            clock.Restart();
            await memory.SearchAsync(new SearchRequest { Query = question, Limit = passages }, cancellationToken).ConfigureAwait(false);
            series.Search.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await memory.AskAsync(question, cancellationToken: cancellationToken).ConfigureAwait(false);
            series.Ask.Add(clock.Elapsed.TotalMilliseconds);
        }

        return series;
    }
}
