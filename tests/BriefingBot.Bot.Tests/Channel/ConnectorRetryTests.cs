using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;

namespace BriefingBot.Bot.Tests.Channel;

/// <summary>Connector calls retried on throttling and server errors, honouring Retry-After, and bounded.</summary>
public sealed class ConnectorRetryTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private TestBotHost Host => fixture.Host;

    [Fact]
    public async Task Send_ThrottledWithRetryAfter_RetriedAfterTheGivenDelay()
    {
        await using var connector = await RecordingConnector.StartAsync();
        connector.FailNext(429, retryAfter: "1");

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "help"));

        var calls = await connector.WaitForMessageAsync();
        Assert.Equal(2, calls.Count);
        Assert.Equal(429, calls[0].Status);
        Assert.Equal(calls[0].Body, calls[1].Body);
        var waited = calls[1].At - calls[0].At;
        Assert.True(waited >= TimeSpan.FromMilliseconds(950), $"Retried after {waited.TotalMilliseconds} ms.");
    }

    [Fact]
    public async Task Send_ServerKeepsFailing_GivesUpAfterTheConfiguredRetries()
    {
        await using var connector = await RecordingConnector.StartAsync();
        connector.FailAlways = 503;

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "help"));

        var attempts = 2 * (2 + 1);
        await connector.WaitForAsync(calls => calls.Count >= attempts);
        await Task.Delay(2500, TestContext.Current.CancellationToken);
        var calls = connector.Calls;
        Assert.Equal(attempts, calls.Count);
        Assert.All(calls, c => Assert.Equal(ActivityTypes.Message, c.Activity.Type));
        Assert.Equal(2, calls.Select(c => c.Activity.Text).Distinct().Count());
    }

    [Fact]
    public async Task Send_ServerErrorThenSuccess_OneRetry()
    {
        await using var connector = await RecordingConnector.StartAsync();
        connector.FailNext(500);

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.BaseUrl, "sources"));

        var calls = await connector.WaitForMessageAsync();
        Assert.Equal([500, 201], calls.Select(c => c.Status));
    }
}
