using System.Net;
using System.Text.Json;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;

namespace BriefingBot.Bot.Tests.Channel;

/// <summary>The messaging endpoint's HTTP contract on the real host in anonymous local mode.</summary>
public sealed class MessagesEndpointTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private TestBotHost Host => fixture.Host;

    [Theory]
    [InlineData("{not json", "not an Activity")]
    [InlineData("[1,2,3]", "not an Activity")]
    [InlineData("null", "null")]
    [InlineData("", "empty")]
    [InlineData("{\"text\":\"hi\"}", "'type'")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"serviceUrl\":\"http://127.0.0.1:9/\"}", "'conversation.id'")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"c\"}}", "'serviceUrl'")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"file:///etc/passwd\"}", "not an absolute http(s) URL")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"c\"},\"serviceUrl\":\"http://x/\",\"timestamp\":\"yesterday\"}", "ISO-8601")]
    [InlineData("{\"type\":\"message\",\"channelId\":\"msteams\",\"conversation\":\"c\",\"serviceUrl\":\"http://x/\"}", "not an Activity")]
    public async Task Post_MalformedActivity_400WithReasonAndHostStaysUp(string body, string reason)
    {
        var response = await TestActivities.PostRawAsync(Host.Http, Host.MessagesUrl, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
        var health = await Host.Http.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Post_OversizedBody_413()
    {
        var activity = TestActivities.Message("http://127.0.0.1:9/", new string('x', 600 * 1024));

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Head_Messages_200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, Host.MessagesUrl);

        var response = await Host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_Message_AcknowledgedBeforeTheAnswerIsReady()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var started = DateTimeOffset.UtcNow;

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message(connector.ServiceUrl, "Why was the harbour levy approved?"));
        var acknowledged = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var calls = await connector.WaitForMessageAsync();
        Assert.True(acknowledged <= calls.Last().At, "The request was acknowledged only after the answer was posted.");
        Assert.True(acknowledged - started < TimeSpan.FromSeconds(2), $"Acknowledged after {(acknowledged - started).TotalMilliseconds} ms.");
    }

    [Fact]
    public async Task Post_ExpectReplies_RepliesInTheBodyAndNothingPosted()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var activity = TestActivities.Message(connector.ServiceUrl, "Why was the harbour levy approved?", conversationType: "personal");
        activity.DeliveryMode = DeliveryModes.ExpectReplies;

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonSerializer.Deserialize<ExpectedReplies>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), ActivityJson.Options)!;
        Assert.Equal(ActivityTypes.Typing, replies.Activities[0].Type);
        var answer = Assert.Single(replies.Activities, a => a.IsType(ActivityTypes.Message));
        Assert.Equal(activity.Id, answer.ReplyToId);
        Assert.DoesNotContain(answer.Entities ?? [], e => e.IsType("streaminfo"));
        Assert.Contains(answer.Entities!, e => e.Type == "https://schema.org/Message");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Post_UnknownInvoke_501()
    {
        var activity = TestActivities.Message("http://127.0.0.1:9/", "");
        activity.Type = ActivityTypes.Invoke;
        activity.Name = "composeExtension/query";

        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, activity);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Post_TokenWithoutConfiguredAppId_401()
    {
        var response = await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, TestActivities.Message("http://127.0.0.1:9/", "help"), "eyJhbGciOiJub25lIn0.e30.");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
