namespace BriefingBot.Bot.Channel;

/// <summary>Whether an incoming request may be processed, and as whom.</summary>
public sealed record AuthenticationOutcome(bool Succeeded, string? Failure, string? CallerId, bool Anonymous)
{
    public static AuthenticationOutcome Fail(string reason) => new(false, reason, null, false);

    public static AuthenticationOutcome AnonymousCaller() => new(true, null, null, true);

    public static AuthenticationOutcome Authenticated(string callerId) => new(true, null, callerId, false);
}
