using BriefingBot.Memory.Jobs;

namespace BriefingBot.Bot.Api;

/// <summary>A briefing job as the API shows it: where it is, how far it has come, and where its result is once it succeeded.</summary>
public sealed record BriefingJobResponse
{
    public required string Id { get; init; }

    public required JobState State { get; init; }

    public required JobProgress Progress { get; init; }

    public required int Attempts { get; init; }

    public required int MaxAttempts { get; init; }

    public string? Error { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset Updated { get; init; }

    /// <summary>This status: <c>/api/briefings/jobs/{id}</c>.</summary>
    public required string StatusUrl { get; init; }

    /// <summary><c>/api/briefings/{id}/result</c> once the job succeeded (add <c>?format=markdown</c> or <c>docx</c>).</summary>
    public string? ResultUrl { get; init; }

    public static BriefingJobResponse From(JobRecord job) => new()
    {
        Id = job.Id,
        State = job.State,
        Progress = job.Progress,
        Attempts = job.Attempts,
        MaxAttempts = job.MaxAttempts,
        Error = job.Error,
        Created = job.Created,
        Updated = job.Updated,
        StatusUrl = BriefingsEndpoints.StatusUrl(job.Id),
        ResultUrl = job.State == JobState.Succeeded ? BriefingsEndpoints.ResultUrl(job.Id) : null,
    };
}
