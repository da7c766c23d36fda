namespace BriefingBot.Bot.Channel;

/// <summary>Fetches a fresh token for calling the Bot Connector.</summary>
public interface ITokenAcquirer
{
    Task<AccessToken> AcquireAsync(CancellationToken cancellationToken);
}
