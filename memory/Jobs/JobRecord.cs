namespace BriefingBot.Memory.Jobs;

/// <summary>A background job as stored. <see cref="Result"/> (JSON) is set when it succeeded, <see cref="Error"/> when it failed.</summary>
public sealed record JobRecord
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required JobState State { get; init; }

    public required string Payload { get; init; }

    public JobProgress Progress { get; init; } = JobProgress.None;

    public string? Result { get; init; }

    public string? Error { get; init; }

    /// <summary>How many times a worker has taken it; a job taken <see cref="MaxAttempts"/> times and failing again stays failed.</summary>
    public int Attempts { get; init; }

    public int MaxAttempts { get; init; }

    public string? Owner { get; init; }

    /// <summary>The worker holding it while it runs, until <see cref="LeaseUntil"/>; after that any worker may take it again.</summary>
    public string? Worker { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset Updated { get; init; }

    public bool IsFinished => State is JobState.Succeeded or JobState.Failed;
}
