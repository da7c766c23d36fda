using System.Text.Json;
using BriefingBot.Memory.Briefings.Rendering;
using BriefingBot.Memory.Jobs;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Runs briefing jobs (kind <see cref="Kind"/>): builds the briefing of <see cref="BriefingJobPayload"/> with the
/// configured builder and keeps it as the result, in <see cref="BriefingJson"/> form, to be rendered on request. A
/// payload that cannot be read or names a document the memory does not hold fails for good; anything else (a store
/// that is busy, a model that failed mid-way) is retried. Building reads only, so running it again does no harm.
/// </summary>
public sealed class BriefingJobHandler(BriefingBuilder builder) : IJobHandler
{
    public const string Kind = "briefing";

    private const int Steps = 2;

    string IJobHandler.Kind => Kind;

    public async Task<string?> RunAsync(JobExecution execution, CancellationToken cancellationToken)
    {
        BriefingRequest request;
        try
        {
            request = JobJson.Deserialize<BriefingJobPayload>(execution.Job.Payload).ToRequest();
        }
        catch (JsonException e)
        {
            throw new JobFailedException($"The briefing job's payload is not valid: {e.Message}", e);
        }

        var sources = request.DocumentIds.Count > 0 ? $"{request.DocumentIds.Count} document(s)" : $"the topic “{request.Topic}”";
        await execution.ReportAsync(new JobProgress(0, Steps, $"building the briefing of {sources}"), cancellationToken).ConfigureAwait(false);
        Briefing briefing;
        try
        {
            briefing = await builder.BuildAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new JobFailedException(e.Message, e);
        }

        await execution.ReportAsync(new JobProgress(1, Steps, "saving the briefing"), cancellationToken).ConfigureAwait(false);
        var result = BriefingJson.Serialize(briefing);
        await execution.ReportAsync(new JobProgress(Steps, Steps, "done"), cancellationToken).ConfigureAwait(false);
        return result;
    }
}
