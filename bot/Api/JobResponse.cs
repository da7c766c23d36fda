using System.Text.Json;
using BriefingBot.Memory.Jobs;

namespace BriefingBot.Bot.Api;

/// <summary>A background job as <c>GET /api/jobs/{id}</c> shows it: state, steps done of total, errors, and the result when it succeeded.</summary>
public sealed record JobResponse(
    string Id,
    string Kind,
    string State,
    JobProgressResponse Progress,
    int Attempts,
    int MaxAttempts,
    string? Error,
    JsonElement? Result,
    string? DocumentId,
    string? DocumentUrl,
    string Url,
    DateTimeOffset Created,
    DateTimeOffset Updated)
{
    public static JobResponse From(JobRecord job)
    {
        var result = Parse(job.Result);
        var documentId = Field(result, "documentId") ?? Field(Parse(job.Payload), "documentId");
        return new JobResponse(
            job.Id,
            job.Kind,
            job.State.ToString().ToLowerInvariant(),
            new JobProgressResponse(job.Progress.Done, job.Progress.Total, job.Progress.Step, job.Progress.Errors ?? []),
            job.Attempts,
            job.MaxAttempts,
            job.Error,
            result,
            documentId,
            job.State == JobState.Succeeded && documentId is not null ? DocumentEndpoints.Url(documentId) : null,
            JobEndpoints.Url(job.Id),
            job.Created,
            job.Updated);
    }

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }

    private static string? Field(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
