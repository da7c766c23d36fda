using System.Text.Json;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;

namespace BriefingBot.Bot.Tests.Peers;

/// <summary>
/// The Bot Framework JS SDK (npm <c>botbuilder</c>) as the channel: its BotFrameworkClient posts to the real host and
/// its ChannelServiceRoutes serve the Connector API the bot replies to.
/// </summary>
public sealed class BotbuilderPeerTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private TestBotHost Host => fixture.Host;

    [Fact]
    public async Task Botbuilder_AsTheChannel_GetsTypingCitedAnswerInvokeAndExpectedReplies()
    {
        Assert.SkipWhen(NodePeers.Folder is null, NodePeers.SkipReason);

        var (code, output, errors) = await NodePeers.RunAsync(
            "node",
            [NodePeers.Script("botbuilder-channel.js")],
            NodePeers.Folder!,
            new Dictionary<string, string> { ["BOT_URL"] = Host.MessagesUrl, ["QUESTION"] = "Why was the harbour levy approved?", ["CHANNEL_ID"] = Channels.MsTeams },
            TimeSpan.FromMinutes(2));

        Assert.True(code == 0, $"The botbuilder peer failed ({code}): {errors}");
        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.Equal(202, root.GetProperty("messageStatus").GetInt32());
        var received = root.GetProperty("received").EnumerateArray().ToList();
        Assert.Equal("typing", received[0].GetProperty("activity").GetProperty("type").GetString());
        var answerEntry = received.First(r => r.GetProperty("activity").GetProperty("type").GetString() == "message");
        Assert.Equal("replyToActivity", answerEntry.GetProperty("operation").GetString());
        Assert.Equal(root.GetProperty("conversationId").GetString(), answerEntry.GetProperty("conversationId").GetString());
        var answer = answerEntry.GetProperty("activity").Deserialize<Activity>(ActivityJson.Options)!;
        AnswerAssertions.AssertTeamsAiMessage(answer);
        Assert.Equal(answerEntry.GetProperty("activityId").GetString(), answer.ReplyToId);

        Assert.Equal(200, root.GetProperty("invoke").GetProperty("status").GetInt32());
        var invokeBody = root.GetProperty("invoke").GetProperty("body");
        Assert.True(invokeBody.ValueKind == JsonValueKind.Null || invokeBody.GetString() == "", $"Invoke body: {invokeBody}");
        var stored = await FeedbackStore.WaitForRowAsync(Host.DataFolder, root.GetProperty("answerId").GetString()!);
        Assert.Equal("like", stored["reaction"]);
        Assert.Equal("clear and cited", stored["comment"]);

        var expect = root.GetProperty("expectReplies");
        Assert.Equal(200, expect.GetProperty("status").GetInt32());
        var replies = expect.GetProperty("body").GetProperty("activities").Deserialize<List<Activity>>(ActivityJson.Options)!;
        AnswerAssertions.AssertTeamsAiMessage(replies.Single(a => a.IsType(ActivityTypes.Message)));
    }
}
