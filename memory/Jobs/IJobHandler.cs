namespace BriefingBot.Memory.Jobs;

/// <summary>
/// Runs the jobs of one <see cref="Kind"/>. Returns the result (JSON) or throws: a <see cref="JobFailedException"/>
/// fails the job for good (bad input), anything else is retried while attempts remain. Work must be safe to repeat:
/// a job whose worker died is run again from the start.
/// </summary>
public interface IJobHandler
{
    string Kind { get; }

    Task<string?> RunAsync(JobExecution execution, CancellationToken cancellationToken);
}
