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
}
