using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;

namespace BriefingBot.Bot.Tests.Peers;

/// <summary>
/// The Microsoft 365 Agents Playground as the Teams channel (headless, loopback only): a question asked in its
/// personal chat gets a cited answer with a valid Teams Message entity, and its feedback invoke is answered 200.
/// </summary>
public sealed class PlaygroundPeerTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private const string ToBot = "Microsoft 365 Agents Playground -> User Application";
    private const string FromBot = "User Application -> Microsoft 365 Agents Playground";

    private TestBotHost Host => fixture.Host;

    [Fact]
    public async Task Playground_QuestionInPersonalChat_CitedTeamsAnswerAndFeedbackAccepted()
    {
        Assert.SkipWhen(NodePeers.Folder is null, NodePeers.SkipReason);
        var work = Path.Combine(Host.DataFolder, "playground");
        Directory.CreateDirectory(work);
        await using var playground = await PlaygroundProcess.StartAsync(Host.MessagesUrl, work);
        var config = await playground.ConfigAsync();
        var conversationId = config.GetProperty("personalChat").GetProperty("id").GetString()!;
        var user = config.GetProperty("currentUser").GetProperty("id").GetString()!;

        var sent = await playground.Http.PostAsJsonAsync(
            $"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages",
            new { from = new { id = user }, text = "Why was the harbour levy approved?", textFormat = "plain" },
            TestContext.Current.CancellationToken);
        sent.EnsureSuccessStatusCode();

        var events = await playground.WaitForEventsAsync(
            e => e.Any(x => Direction(x) == FromBot && Name(x) == "message" && Status(x) is >= 200 and < 300), TimeSpan.FromSeconds(90));
        var question = events.First(e => Direction(e) == ToBot && Name(e) == "message");
        Assert.Equal(202, Status(question));
        var fromBot = events.Where(e => Direction(e) == FromBot).ToList();
        Assert.Equal("typing", Name(fromBot[0]));
        var answerEvent = fromBot.First(e => Name(e) == "message" && Status(e) is >= 200 and < 300);
        var answer = answerEvent.GetProperty("request").GetProperty("body").Deserialize<Activity>(ActivityJson.Options)!;
        AnswerAssertions.AssertTeamsAiMessage(answer);
        Assert.Equal(question.GetProperty("request").GetProperty("body").GetProperty("id").GetString(), answer.ReplyToId);
        var answerId = answerEvent.GetProperty("response").GetProperty("body").GetProperty("id").GetString()!;

        var template = await playground.Http.GetFromJsonAsync<JsonObject>(
            $"_internal/v1/customActivities/template?conversationId={Uri.EscapeDataString(conversationId)}&type=install", TestContext.Current.CancellationToken);
        template!["type"] = "invoke";
        template.Remove("action");
        template["name"] = "message/submitAction";
        template["replyToId"] = answerId;
        template["value"] = JsonNode.Parse("""{"actionName":"feedback","actionValue":{"reaction":"like","feedback":"{\"feedbackText\":\"well cited\"}"}}""");
        (await playground.Http.PostAsJsonAsync("_internal/v1/customActivities", template, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        events = await playground.WaitForEventsAsync(e => e.Any(x => Direction(x) == ToBot && Name(x) == "invoke"), TimeSpan.FromSeconds(30));
        var invoke = events.Last(e => Direction(e) == ToBot && Name(e) == "invoke");
        Assert.Equal(200, Status(invoke));
        Assert.DoesNotContain(events, e => Status(e) >= 500);
    }

    private static string? Direction(JsonElement e) => e.GetProperty("direction").GetString();

    private static string? Name(JsonElement e) => e.TryGetProperty("activityName", out var name) ? name.GetString() : null;

    private static int Status(JsonElement e) =>
        e.TryGetProperty("response", out var response) && response.TryGetProperty("statusCode", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : 0;
}
