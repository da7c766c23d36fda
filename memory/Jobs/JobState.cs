namespace BriefingBot.Memory.Jobs;

/// <summary>Where a background job is: waiting, held by a worker under a lease, or finished.</summary>
public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
