namespace BriefingBot.Bot.Jobs;

/// <summary>The <c>Jobs</c> settings: how this process works through background jobs.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Whether this process runs jobs at all (a replica that only serves chat can leave them to others).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many jobs this process runs at once.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>How long a job stays with its worker without a sign of life before another may take it.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often an idle worker looks for jobs enqueued by other processes.</summary>
    public double PollSeconds { get; set; } = 2;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Workers is < 1 or > 64)
        {
            problems.Add("Jobs:Workers must be between 1 and 64.");
        }

        if (LeaseSeconds is < 5 or > 3600)
        {
            problems.Add("Jobs:LeaseSeconds must be between 5 and 3600.");
        }

        if (PollSeconds is < 0.05 or > 300)
        {
            problems.Add("Jobs:PollSeconds must be between 0.05 and 300.");
        }

        return problems;
    }
}
