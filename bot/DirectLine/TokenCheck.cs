namespace BriefingBot.Bot.DirectLine;

/// <summary>The outcome of reading a token: the grant, or why it was refused.</summary>
public sealed record TokenCheck(DirectLineToken? Token, bool Expired, string? Problem)
{
    public static TokenCheck Valid(DirectLineToken token) => new(token, false, null);

    public static TokenCheck Refused(string problem, bool expired = false) => new(null, expired, problem);
}
