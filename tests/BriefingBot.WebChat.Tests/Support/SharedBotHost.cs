namespace BriefingBot.WebChat.Tests.Support;

/// <summary>One server shared by the tests that need no special settings (the embedding model loads once).</summary>
public sealed class SharedBotHost : IAsyncLifetime
{
    public const string AllowedOrigin = "http://allowed.example";

    private BotHost? _host;

    public BotHost Host => _host ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync() =>
        _host = await BotHost.StartAsync(null, "DirectLine:TokensPerMinute=1000", $"DirectLine:AllowedOrigins:0={AllowedOrigin}");

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
