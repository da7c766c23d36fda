namespace BriefingBot.Bot.Operations;

/// <summary>How the host runs (section <c>Operations</c>): shutdown grace and readiness caching.</summary>
public sealed class OperationsOptions
{
    public const string SectionName = "Operations";

    /// <summary>Seconds in-flight requests and background work get to finish on shutdown (SIGTERM, Ctrl+C). Default 30.</summary>
    public double ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds a readiness result is reused before <c>/ready</c> checks again. Default 5.</summary>
    public double ReadyCacheSeconds { get; set; } = 5;

    /// <summary>Seconds each readiness check (store, embedding model) may take before it counts as not ready. Default 10.</summary>
    public double ReadyCheckTimeoutSeconds { get; set; } = 10;

    public void Validate()
    {
        if (ShutdownTimeoutSeconds < 0 || ReadyCacheSeconds < 0 || ReadyCheckTimeoutSeconds <= 0)
        {
            throw new InvalidOperationException(
                "Operations:ShutdownTimeoutSeconds and Operations:ReadyCacheSeconds must be 0 or more, Operations:ReadyCheckTimeoutSeconds more than 0.");
        }
    }
}
