namespace BriefingBot.Bot.Channel;

/// <summary>A bearer token and when it stops being valid.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresOn);
