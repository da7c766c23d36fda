namespace BriefingBot.Memory.Jobs;

/// <summary>How far a job has come: <paramref name="Done"/> of <paramref name="Total"/> steps, the step now running, and per-item errors so far.</summary>
public sealed record JobProgress(int Done, int Total, string? Step = null, IReadOnlyList<string>? Errors = null)
{
    public static JobProgress None { get; } = new(0, 0);
}
