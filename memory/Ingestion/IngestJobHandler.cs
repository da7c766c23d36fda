using BriefingBot.Memory.Jobs;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Ingestion;

/// <summary>
/// Runs ingestion jobs (kind <see cref="Kind"/>): one document from the job's content and <see cref="IngestJobPayload"/>,
/// through the memory's pipeline. The result is the <see cref="IngestResult"/>; content that cannot be ingested fails
/// the job for good, a store that refused it (locked, full, connection lost) is retried. Ingesting is idempotent, so
/// a job run again after a crash does no harm.
/// </summary>
public sealed class IngestJobHandler(BriefingMemory memory) : IJobHandler
{
    public const string Kind = "ingest";

    private static readonly string[] Steps =
        [IngestionPipeline.ExtractStep, IngestionPipeline.PartitionStep, IngestionPipeline.EmbedStep, IngestionPipeline.SaveStep];

    string IJobHandler.Kind => Kind;

    public async Task<string?> RunAsync(JobExecution execution, CancellationToken cancellationToken)
    {
        IngestJobPayload payload;
        try
        {
            payload = JobJson.Deserialize<IngestJobPayload>(execution.Job.Payload);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new JobFailedException($"The ingestion job's payload is not valid: {e.Message}", e);
        }

        var content = execution.Content ?? throw new JobFailedException("The ingestion job has no content to ingest.");
        IngestRequest request;
        try
        {
            request = payload.ToRequest(content);
        }
        catch (ArgumentException e)
        {
            throw new JobFailedException(e.Message, e);
        }

        var result = await memory.IngestAsync(
            request,
            (step, ct) => execution.ReportAsync(new JobProgress(Array.IndexOf(Steps, step), Steps.Length, step), ct),
            cancellationToken).ConfigureAwait(false);
        if (result.Outcome is IngestOutcome.Conflict or IngestOutcome.Refused)
        {
            throw new JobFailedException(result.Error!);
        }

        if (result.Outcome == IngestOutcome.Failed)
        {
            var error = result.Error ?? "The document could not be ingested.";
            throw result.Transient ? new MemoryStoreException(error) : new JobFailedException(error);
        }

        await execution.ReportAsync(new JobProgress(Steps.Length, Steps.Length), cancellationToken).ConfigureAwait(false);
        return JobJson.Serialize(result);
    }
}
