namespace BriefingBot.Memory.Jobs;

/// <summary>
/// Background jobs kept where the memory is, so that they survive restarts and, on a shared database, any replica can
/// take any job and exactly one does. A worker holds a job under a lease that it renews while reporting progress; a job
/// whose lease ran out (its worker died) is taken again.
/// </summary>
public interface IJobStore
{
    Task<JobRecord> EnqueueAsync(NewJob job, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the oldest job of one of <paramref name="kinds"/> that is queued or whose lease has run out, marks it
    /// running for <paramref name="worker"/> until now + <paramref name="lease"/> and counts an attempt; null when
    /// there is none. Two workers never take the same job.
    /// </summary>
    Task<JobRecord?> ClaimAsync(string worker, IReadOnlyCollection<string> kinds, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Records progress and renews the lease; false when <paramref name="worker"/> no longer holds the job.</summary>
    Task<bool> ReportAsync(string id, string worker, JobProgress progress, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks the job succeeded with its result and drops its content; false when <paramref name="worker"/> no longer holds it.</summary>
    Task<bool> CompleteAsync(string id, string worker, string? result, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the error; the job is queued again when <paramref name="retry"/> and attempts remain, else it fails
    /// for good (and its content is dropped). False when <paramref name="worker"/> no longer holds it.
    /// </summary>
    Task<bool> FailAsync(string id, string worker, string error, bool retry, CancellationToken cancellationToken = default);

    /// <summary>Puts the jobs <paramref name="worker"/> holds back in the queue without counting the attempt (a graceful shutdown).</summary>
    Task<int> ReleaseAsync(string worker, CancellationToken cancellationToken = default);

    Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The content the job was enqueued with, or null.</summary>
    Task<byte[]?> GetContentAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The newest jobs first, optionally only those of <paramref name="owner"/>.</summary>
    Task<IReadOnlyList<JobRecord>> ListAsync(string? owner = null, int limit = 50, CancellationToken cancellationToken = default);
}
