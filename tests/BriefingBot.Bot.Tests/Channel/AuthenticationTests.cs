using System.Net;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Channel;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Bot.Turns;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Channel;

/// <summary>
/// Inbound JWT validation against a local issuer with its own keys, and the bot's own client-credentials token on
/// its Connector calls. Every rejected request must get 401 and leave the Connector untouched.
/// </summary>
public sealed class AuthenticationTests(AuthenticatedBotFixture fixture) : IClassFixture<AuthenticatedBotFixture>
{
    private LocalIssuer Issuer => fixture.Issuer;

    private TestBotHost Host => fixture.Host;

    [Fact]
    public async Task Post_ValidChannelToken_AcceptedAndRepliesCarryTheBotsToken()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var activity = TestActivities.Message(connector.ServiceUrl, "help");

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity, Issuer.ChannelToken(connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var calls = await connector.WaitForMessageAsync();
        var reply = calls.Single(c => c.Activity.IsType(ActivityTypes.Message));
        Assert.Matches("^Bearer bot-token-[0-9]+$", reply.Authorization);
        var request = Issuer.TokenRequests.Last();
        Assert.Equal(Issuer.AppId, request["client_id"]);
        Assert.Equal("https://api.botframework.com/.default", request["scope"]);
        Assert.Equal("client_credentials", request["grant_type"]);
    }

    [Fact]
    public async Task Post_ManyActivities_OneTokenFetchedAndReused()
    {
        await using var connector = await RecordingConnector.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "help"), Issuer.ChannelToken(connector.ServiceUrl));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var calls = await connector.WaitForMessageAsync(3);

        Assert.Single(calls.Select(c => c.Authorization).Distinct());
        Assert.Equal(1, Issuer.Issued);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("not-bearer")]
    [InlineData("garbage")]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("unpublished-key")]
    [InlineData("unendorsed-channel")]
    [InlineData("serviceurl-mismatch")]
    [InlineData("serviceurl-missing")]
    [InlineData("emulator-other-app")]
    public async Task Post_BadToken_401AndNothingPosted(string problem)
    {
        await using var connector = await RecordingConnector.StartAsync();
        var activity = TestActivities.Message(connector.ServiceUrl, "help");
        var serviceUrl = connector.ServiceUrl;
        string? header = problem switch
        {
            "missing" => null,
            "not-bearer" => "Basic " + Issuer.ChannelToken(serviceUrl),
            "garbage" => "Bearer not.a.jwt",
            "expired" => "Bearer " + Issuer.ChannelToken(serviceUrl, expires: DateTime.UtcNow.AddMinutes(-6)),
            "wrong-audience" => "Bearer " + Issuer.ChannelToken(serviceUrl, audience: Guid.NewGuid().ToString()),
            "wrong-issuer" => "Bearer " + Issuer.ChannelToken(serviceUrl, issuer: "https://issuer.example.org"),
            "unpublished-key" => "Bearer " + Issuer.ChannelToken(serviceUrl, key: Issuer.UnpublishedKey),
            "unendorsed-channel" => "Bearer " + Issuer.ChannelToken(serviceUrl, key: Issuer.WebChatOnlyKey),
            "serviceurl-mismatch" => "Bearer " + Issuer.ChannelToken("https://smba.trafficmanager.net/amer/"),
            "serviceurl-missing" => "Bearer " + Issuer.ChannelToken(serviceUrl, withServiceUrl: false),
            "emulator-other-app" => "Bearer " + Issuer.EmulatorToken(Guid.NewGuid().ToString()),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        using var request = new HttpRequestMessage(HttpMethod.Post, Host.MessagesUrl)
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(activity, ActivityJson.Options), System.Text.Encoding.UTF8, "application/json"),
        };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        var response = await Host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Post_TokenExpiredWithinFiveMinuteSkew_Accepted()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var token = Issuer.ChannelToken(connector.ServiceUrl, expires: DateTime.UtcNow.AddMinutes(-3));

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "help"), token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await connector.WaitForMessageAsync();
    }

    [Fact]
    public async Task Post_ServiceUrlWithoutTrailingSlashMatchingClaim_Accepted()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var activity = TestActivities.Message(connector.BaseUrl, "help");

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity, Issuer.ChannelToken(connector.BaseUrl));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var calls = await connector.WaitForMessageAsync();
        Assert.StartsWith("/v3/conversations/", calls[0].RawTarget);
    }

    [Fact]
    public async Task Post_EmulatorToken_Accepted()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var activity = TestActivities.Message(connector.ServiceUrl, "help", channelId: Channels.Emulator, conversationType: "personal");

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity, Issuer.EmulatorToken());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await connector.WaitForMessageAsync();
    }

    [Fact]
    public async Task Send_ToServiceUrlNoAuthenticatedRequestIntroduced_RefusedAndNothingSent()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var client = Host.Services.GetRequiredService<ConnectorClient>();
        var activity = ActivityReplies.CreateReply(TestActivities.Message(connector.ServiceUrl, "help"));
        activity.Text = "forged";

        await Assert.ThrowsAsync<ActivitySendException>(() => client.SendAsync(activity, TestContext.Current.CancellationToken));

        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Post_NoAuthorizationOnInvoke_401AndNothingStored()
    {
        var activity = TestActivities.Message("https://smba.trafficmanager.net/amer/", "");
        activity.Type = ActivityTypes.Invoke;
        activity.Name = BriefingTurnHandler.FeedbackInvoke;

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
