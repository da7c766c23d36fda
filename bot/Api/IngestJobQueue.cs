using System.Text.Json;
using BriefingBot.Bot.Contracts;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Jobs;

namespace BriefingBot.Bot.Api;

/// <summary>Enqueues uploads as background ingestion jobs (kind <c>ingest</c>): the metadata as the payload, the bytes as the content.</summary>
public sealed class IngestJobQueue(IServiceProvider services)
{
    public const string Kind = "ingest";

    public async Task<JobRecord> EnqueueAsync(IngestRequest request, string? owner, CancellationToken cancellationToken)
    {
        var store = services.GetService<IJobStore>()
            ?? throw new InvalidOperationException("Background jobs are not registered on this server.");
        var content = request.FileName is null ? System.Text.Encoding.UTF8.GetBytes(request.Text ?? "") : request.Content.ToArray();
        var payload = JsonSerializer.Serialize(new
        {
            fileName = request.FileName ?? request.DocumentId + ".txt",
            documentId = request.DocumentId,
            title = request.Title,
            source = request.Source,
            published = request.Published,
            tags = request.Tags.ToDictionary(),
        }, BotJson.Options);
        return await store.EnqueueAsync(new NewJob(Kind, payload, content, Owner: owner), cancellationToken);
    }
}
