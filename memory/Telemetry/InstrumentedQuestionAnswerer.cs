using System.Diagnostics;
using System.Runtime.CompilerServices;
using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Telemetry;

/// <summary>
/// Records every answer of the inner answerer: an <c>ask</c> span, the answer latency by the mode the answer was
/// actually given in (a generative answer that fell back counts as extractive), and abstentions by reason.
/// </summary>
public sealed class InstrumentedQuestionAnswerer(IQuestionAnswerer inner) : IQuestionAnswerer
{
    public string Mode => inner.Mode;

    public async Task<Answer> AskAsync(string question, MemoryFilter? filter = null, CancellationToken cancellationToken = default, IReadOnlySet<string>? alreadySaid = null)
    {
        using var span = BriefingTelemetry.Source.StartActivity(BriefingTelemetry.AskSpan);
        var started = Stopwatch.GetTimestamp();
        var answer = await inner.AskAsync(question, filter, cancellationToken, alreadySaid).ConfigureAwait(false);
        Record(answer, started, span, streamed: false);
        return answer;
    }

    public async IAsyncEnumerable<AnswerStreamUpdate> AskStreamingAsync(
        string question, MemoryFilter? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default, IReadOnlySet<string>? alreadySaid = null)
    {
        using var span = BriefingTelemetry.Source.StartActivity(BriefingTelemetry.AskSpan);
        var started = Stopwatch.GetTimestamp();
        await foreach (var update in inner.AskStreamingAsync(question, filter, cancellationToken, alreadySaid).ConfigureAwait(false))
        {
            if (update.Final is { } answer)
            {
                Record(answer, started, span, streamed: true);
            }

            yield return update;
        }
    }

    private static void Record(Answer answer, long started, Activity? span, bool streamed)
    {
        var mode = new KeyValuePair<string, object?>("mode", answer.Mode);
        var noResult = new KeyValuePair<string, object?>("no_result", answer.NoResult);
        BriefingTelemetry.AnswerDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, mode, noResult);
        if (answer.NoResult)
        {
            BriefingTelemetry.Abstentions.Add(1, new KeyValuePair<string, object?>("reason", answer.NoResultReason ?? "unknown"));
        }

        span?.SetTag("briefingbot.answer.mode", answer.Mode);
        span?.SetTag("briefingbot.answer.no_result", answer.NoResult);
        span?.SetTag("briefingbot.answer.citations", answer.Citations.Count);
        span?.SetTag("briefingbot.answer.streamed", streamed);
        if (answer.NoResult)
        {
            span?.SetTag("briefingbot.answer.no_result_reason", answer.NoResultReason);
        }
    }
}
