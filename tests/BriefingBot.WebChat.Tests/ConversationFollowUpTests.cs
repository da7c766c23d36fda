using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Memory.Conversations;
using BriefingBot.WebChat.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BriefingBot.WebChat.Tests;

/// <summary>
/// A ten-turn conversation through Direct Line (Web Chat's channel) on the real host: follow-ups resolved from the
/// conversation, "tell me more" continuing with sentences not yet quoted, <c>reset</c> starting over, and only
/// follow-ups offered that the bot would answer. The questions as answered are read from the stored turns.
/// </summary>
public sealed class ConversationFollowUpTests(SharedBotHost shared)
{
    private BotHost Host => shared.Host;

    [Fact]
    public async Task TenTurns_FollowUpsMoreAndReset_AnsweredFromTheConversation()
    {
        var token = await Host.StartConversationAsync();

        var russia = await AskAsync(token, "What did Russia demand?");
        var putin = await AskAsync(token, "And Putin?");
        var donfried = await AskAsync(token, "Who is Karen Donfried?");
        var sanctions = await AskAsync(token, "What did she say about sanctions?");
        var more = await AskAsync(token, "tell me more");
        var evenMore = await AskAsync(token, "more");
        var before = await StoredTurnsAsync(token.ConversationId);
        var reset = await AskAsync(token, "reset");
        var afterReset = await AskAsync(token, "What did she say about sanctions?");
        var nato = await AskAsync(token, "What did Nato say about the proposals?");
        var andUs = await AskAsync(token, "And the United States?");

        var after = await StoredTurnsAsync(token.ConversationId);
        string Standalone(string question) => before.Concat(after).First(t => t.Question == question).Standalone;

        Assert.Contains("Putin", putin.Text);
        Assert.Contains("demand", Standalone("And Putin?"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Donfried", donfried.Text);
        Assert.Contains("donfried", Standalone("What did she say about sanctions?"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Donfried", sanctions.Text);
        Assert.Contains("sanctions", sanctions.Text);

        // "tell me more" continues the topic with sentences not quoted yet; offered only while there are some.
        Assert.Contains("Tell me more", sanctions.Suggestions);
        Assert.Equal(Standalone("What did she say about sanctions?"), Standalone("tell me more"));
        Assert.NotEqual(ConversationService.NothingMoreText, more.Text);
        Assert.Empty(Sentences(more).Intersect(Sentences(sanctions)));
        Assert.True(evenMore.Text == ConversationService.NothingMoreText || !Sentences(evenMore).Intersect(Sentences(sanctions).Concat(Sentences(more))).Any(),
            $"“more” repeated a sentence: {evenMore.Text}");
        foreach (var answer in new[] { russia, donfried, nato })
        {
            var continued = await AskAsync(await Host.StartConversationAsync(), answer.Question, "tell me more");
            Assert.True(answer.Suggestions.Contains("Tell me more") == (continued.Text != ConversationService.NothingMoreText),
                $"“{answer.Question}” offered {string.Join(", ", answer.Suggestions)}; “tell me more” answered: {continued.Text}");
        }

        // After reset, "she" no longer resolves to the old conversation.
        Assert.Contains("forgotten", reset.Text);
        Assert.Equal(3, after.Count);
        Assert.Equal("What did she say about sanctions?", after[0].Standalone);
        Assert.Contains("Nato", nato.Text);
        var andUsStandalone = after.Single(t => t.Question == "And the United States?").Standalone.ToLowerInvariant();
        Assert.Contains("proposals", andUsStandalone);
        Assert.DoesNotContain("nato", andUsStandalone);
    }

    private sealed record Reply(string Question, string Text, IReadOnlyList<string> Suggestions);

    /// <summary>Asks each question in turn in the conversation and returns the reply to the last one.</summary>
    private async Task<Reply> AskAsync(Support.PageToken token, params string[] questions)
    {
        Reply? reply = null;
        foreach (var question in questions)
        {
            using var posted = await Host.PostMessageAsync(token, question);
            posted.EnsureSuccessStatusCode();
            var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
            bool IsReply(JsonElement a) => a.GetProperty("type").GetString() == "message" && a.TryGetProperty("replyToId", out var r) && r.GetString() == id;
            var activities = await Host.ActivitiesAsync(token, list => list.Any(IsReply));
            var answer = activities.Single(IsReply);
            var suggestions = answer.TryGetProperty("suggestedActions", out var actions)
                ? actions.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList()
                : [];
            reply = new Reply(questions[0], answer.GetProperty("text").GetString()!.Split("\n\n[1]:")[0], suggestions);
        }

        return reply!;
    }

    private static IEnumerable<string> Sentences(Reply reply) => ContinuationRequest.Quoted(reply.Text);

    private async Task<List<(string Question, string Standalone)>> StoredTurnsAsync(string conversationId)
    {
        var turns = new List<(string, string)>();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Host.DataFolder, "memory.db")};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT question, standalone FROM conversation_turns WHERE conversation_id LIKE $id ORDER BY number";
        command.Parameters.AddWithValue("$id", "%" + conversationId);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            turns.Add((reader.GetString(0), reader.GetString(1)));
        }

        return turns;
    }
}
