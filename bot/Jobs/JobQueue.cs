using BriefingBot.Memory.Jobs;

namespace BriefingBot.Bot.Jobs;

/// <summary>Enqueues background jobs and wakes this process's workers at once; other processes find them when they next look.</summary>
public sealed class JobQueue(IJobStore store)
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public IJobStore Store { get; } = store;

    public async Task<JobRecord> EnqueueAsync(NewJob job, CancellationToken cancellationToken = default)
    {
        var record = await Store.EnqueueAsync(job, cancellationToken);
        _signal.Release();
        return record;
    }

    /// <summary>Waits until a job is enqueued here or <paramref name="timeout"/> passes.</summary>
    internal Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
