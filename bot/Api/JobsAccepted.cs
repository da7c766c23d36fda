namespace BriefingBot.Bot.Api;

/// <summary>The 202 answer to an upload taken as background jobs: one job per file or document.</summary>
public sealed record JobsAccepted(IReadOnlyList<AcceptedJob> Jobs);
