namespace BriefingBot.Bot.Tests.Support;

/// <summary>One bot server without an app id (anonymous local mode) shared by a test class.</summary>
public sealed class AnonymousBotFixture : IAsyncLifetime
{
    public TestBotHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await TestBotHost.StartAsync(new Dictionary<string, string>
    {
        ["Bot:ConnectorRetries"] = "2",
        ["Bot:MaxRetryDelay"] = "00:00:02",
    });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
