namespace BriefingBot.WebChat.Tests.Support;

/// <summary>
/// One server shared by the tests that need no special settings (the embedding model loads once). Every test client
/// calls from 127.0.0.1, so the per-address limits are lifted; each token's own limits stay.
/// </summary>
public sealed class SharedBotHost : IAsyncLifetime
{
    public const string AllowedOrigin = "http://allowed.example";

    private BotHost? _host;

    public BotHost Host => _host ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync() =>
        _host = await BotHost.StartAsync(null, "DirectLine:TokensPerMinute=1000", "DirectLine:PostsPerMinutePerAddress=100000", "DirectLine:ReadsPerMinutePerAddress=100000", $"DirectLine:AllowedOrigins:0={AllowedOrigin}");

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
