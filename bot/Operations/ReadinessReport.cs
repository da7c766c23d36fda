namespace BriefingBot.Bot.Operations;

/// <summary>The outcome of one readiness check: ready, or what is not.</summary>
public sealed record ReadinessReport(bool Ready, IReadOnlyList<string> Problems, DateTimeOffset CheckedAt);
