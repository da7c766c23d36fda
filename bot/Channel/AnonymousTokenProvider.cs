namespace BriefingBot.Bot.Channel;

/// <summary>No credentials: Connector calls go without an Authorization header (local development, the Emulator).</summary>
public sealed class AnonymousTokenProvider : IConnectorTokenProvider
{
    public Task<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
