namespace BriefingBot.Bot.Channel;

/// <summary>The bearer token for outgoing Connector calls, or null when the bot runs without credentials.</summary>
public interface IConnectorTokenProvider
{
    Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
