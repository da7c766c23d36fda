using BriefingBot.Bot.Jobs;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Jobs;

namespace BriefingBot.Bot.Api;

/// <summary>Enqueues uploads as background ingestion jobs (kind <c>ingest</c>): the metadata as the payload, the bytes (or UTF-8 text) as the content.</summary>
public sealed class IngestJobQueue(JobQueue queue)
{
    public async Task<JobRecord> EnqueueAsync(IngestRequest request, string? owner, CancellationToken cancellationToken)
    {
        var payload = new IngestJobPayload
        {
            FileName = request.FileName,
            DocumentId = request.DocumentId,
            Title = request.Title,
            Source = request.Source,
            Published = request.Published,
            Tags = request.Tags.IsEmpty ? null : request.Tags.ToDictionary(),
            Scope = request.Condition.Scope.Count == 0 ? null : request.Condition.Scope,
            IfMatch = request.Condition.IfMatch,
        };
        var content = request.FileName is null ? System.Text.Encoding.UTF8.GetBytes(request.Text ?? "") : request.Content.ToArray();
        return await queue.EnqueueAsync(new NewJob(IngestJobHandler.Kind, JobJson.Serialize(payload), content, Owner: owner), cancellationToken);
    }
}
