using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Bot.Tests.Operations;

/// <summary>Each request's correlation id is echoed and carried by every log line the request writes; turns add their ids.</summary>
public sealed class CorrelationIdTests
{
    private static readonly Dictionary<string, string> VerboseLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
    };

    [Fact]
    public async Task Ask_WithCorrelationId_EchoedAndOnRequestLogLines()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TestBotHost.StartAsync(VerboseLogging, services => services.AddSingleton<ILoggerProvider>(logs));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask") { Content = JsonContent.Create(new { question = "Why was the harbour levy approved?" }) };
        request.Headers.Add("X-Correlation-Id", "cms-push-4711");

        var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cms-push-4711", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        var during = logs.Entries.Where(e => e.Scope.TryGetValue("CorrelationId", out var id) && Equals(id, "cms-push-4711")).ToList();
        Assert.Contains(during, e => e.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal) && e.Message.Contains("/api/ask", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has spaces in it")]
    [InlineData("<script>")]
    public async Task Ask_MissingOrInvalidCorrelationId_NewOneGenerated(string sent)
    {
        await using var host = await TestBotHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", sent);

        var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var echoed = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        Assert.NotEqual(sent, echoed);
        Assert.Matches("^[0-9a-f]{32}$", echoed);
    }

    [Fact]
    public async Task Ask_OverlongCorrelationId_Replaced()
    {
        await using var host = await TestBotHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Correlation-Id", new string('a', 129));

        var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
    }

    [Fact]
    public async Task Turn_ExpectReplies_LogLinesCarryActivityConversationAndCorrelation()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TestBotHost.StartAsync(VerboseLogging, services => services.AddSingleton<ILoggerProvider>(logs));
        var activity = TestActivities.Message("http://127.0.0.1:9/", "Why was the harbour levy approved?", conversationType: "personal");
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        using var request = new HttpRequestMessage(HttpMethod.Post, host.MessagesUrl)
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, ActivityJson.Options), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Correlation-Id", "turn-0042");

        var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var turn = Assert.Single(logs.Entries, e => e.Message.StartsWith("Handling a message activity", StringComparison.Ordinal));
        Assert.Equal(activity.Id, turn.Scope["ActivityId"]);
        Assert.Equal(activity.Conversation!.Id, turn.Scope["ConversationId"]);
        Assert.Equal("turn-0042", turn.Scope["CorrelationId"]);
    }

    [Fact]
    public async Task Turn_QueuedFromTheChannel_LogLinesCarryTheRequestsCorrelationId()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TestBotHost.StartAsync(VerboseLogging, services => services.AddSingleton<ILoggerProvider>(logs));
        var activity = TestActivities.Message("http://127.0.0.1:9/", "Why was the harbour levy approved?", conversationType: "personal");
        using var request = new HttpRequestMessage(HttpMethod.Post, host.MessagesUrl)
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, ActivityJson.Options), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Correlation-Id", "queued-0007");

        var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var turn = await WaitForTurnLogAsync(logs, activity.Id!);
        Assert.Equal("queued-0007", turn.Scope["CorrelationId"]);
        Assert.Equal(activity.Conversation!.Id, turn.Scope["ConversationId"]);
    }

    [Fact]
    public async Task Turn_QueuedFromDirectLine_LogLinesCarryTheRequestsCorrelationId()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await TestBotHost.StartAsync(VerboseLogging, services => services.AddSingleton<ILoggerProvider>(logs));
        var ct = TestContext.Current.CancellationToken;
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "webchat/token");
        tokenRequest.Headers.Add("Origin", host.BaseUrl);
        var token = (await (await host.Http.SendAsync(tokenRequest, ct)).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString();
        using var start = new HttpRequestMessage(HttpMethod.Post, "v3/directline/conversations");
        start.Headers.Authorization = new("Bearer", token);
        var conversation = (await (await host.Http.SendAsync(start, ct)).Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("conversationId").GetString();
        using var post = new HttpRequestMessage(HttpMethod.Post, $"v3/directline/conversations/{conversation}/activities")
        {
            Content = JsonContent.Create(new { type = "message", from = new { id = "reader" }, text = "Why was the harbour levy approved?" }),
        };
        post.Headers.Authorization = new("Bearer", token);
        post.Headers.Add("X-Correlation-Id", "widget-0815");

        var response = await host.Http.SendAsync(post, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
        var turn = await WaitForTurnLogAsync(logs, id);
        Assert.Equal("widget-0815", turn.Scope["CorrelationId"]);
        Assert.Equal(conversation, turn.Scope["ConversationId"]);
    }

    private static async Task<CapturedLog> WaitForTurnLogAsync(CapturingLoggerProvider logs, string activityId)
    {
        for (var waited = 0; waited < 300; waited++)
        {
            if (logs.Entries.FirstOrDefault(e => e.Message.StartsWith("Handling a message activity", StringComparison.Ordinal)
                && Equals(e.Scope.GetValueOrDefault("ActivityId"), activityId)) is { } entry)
            {
                return entry;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"No turn for activity {activityId} was logged within 15 s.");
    }
}
