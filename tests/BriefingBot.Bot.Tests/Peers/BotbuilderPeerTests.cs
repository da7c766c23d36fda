using System.Text.Json;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Tests.Support;
using Microsoft.Data.Sqlite;

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
        Assert.Equal("like", await StoredReactionAsync(root.GetProperty("answerId").GetString()!));

        var expect = root.GetProperty("expectReplies");
        Assert.Equal(200, expect.GetProperty("status").GetInt32());
        var replies = expect.GetProperty("body").GetProperty("activities").Deserialize<List<Activity>>(ActivityJson.Options)!;
        AnswerAssertions.AssertTeamsAiMessage(replies.Single(a => a.IsType(ActivityTypes.Message)));
    }

    private async Task<string?> StoredReactionAsync(string messageId)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(Host.DataFolder, "memory.db")}");
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT reaction FROM bot_feedback WHERE message_id = $id AND question IS NOT NULL";
        command.Parameters.AddWithValue("$id", messageId);
        return (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
