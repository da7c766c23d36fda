namespace BriefingBot.Memory.Jobs;

/// <summary>One run of a job by a worker: the job, its content, and the way to report progress (which also renews the lease).</summary>
public sealed class JobExecution(JobRecord job, byte[]? content, Func<JobProgress, CancellationToken, Task> report)
{
    public JobRecord Job { get; } = job;

    public byte[]? Content { get; } = content;

    public Task ReportAsync(JobProgress progress, CancellationToken cancellationToken = default) => report(progress, cancellationToken);
}
