using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Memory.Conversations;
using BriefingBot.WebChat.Tests.Support;

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
        var before = await Host.StoredTurnsAsync(token.ConversationId);
        var reset = await AskAsync(token, "reset");
        var afterReset = await AskAsync(token, "What did she say about sanctions?");
        var nato = await AskAsync(token, "What did Nato say about the proposals?");
        var andUs = await AskAsync(token, "And the United States?");

        var after = await Host.StoredTurnsAsync(token.ConversationId);
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

    /// <summary>An article of the test's own, not the sample: the same rules resolve its people and places.</summary>
    [Fact]
    public async Task FollowUpsOnAnArticleOfTheTest_PronounIsThePersonAndAndXIsThePreviousQuestion_ResetStartsOver()
    {
        await using var host = await BotHost.StartAsync(null, "Bot:LoadSamplesWhenEmpty=false", "DirectLine:PostsPerMinute=100000");
        await host.AddDocumentAsync("elbe-pilots", "Harbour pilots strike halts traffic on the Elbe", ElbeArticle);
        var token = await host.StartConversationAsync();

        await AskAsync(host, token, "Who is Ilse Marquardt?");
        var promised = await AskAsync(host, token, "What did she promise?");
        await AskAsync(host, token, "What did Hamburg demand?");
        var bremen = await AskAsync(host, token, "And Bremen?");
        await AskAsync(host, token, "Who is Tobias Brandt?");
        var warned = await AskAsync(host, token, "What did he warn about?");
        var before = await host.StoredTurnsAsync(token.ConversationId);
        await AskAsync(host, token, "reset");
        await AskAsync(host, token, "What did she promise?");
        var after = await host.StoredTurnsAsync(token.ConversationId);

        string Standalone(string question) => before.Last(t => t.Question == question).Standalone;
        Assert.Equal("What did Ilse Marquardt promise?", Standalone("What did she promise?"));
        Assert.Contains("medicine", promised.Text);
        Assert.Equal("What did Bremen demand?", Standalone("And Bremen?"));
        Assert.Contains("compensation", bremen.Text);
        Assert.Equal("What did Tobias Brandt warn about?", Standalone("What did he warn about?"));
        Assert.Contains("two days", warned.Text);
        Assert.Equal([("What did she promise?", "What did she promise?")], after);
    }

    private const string ElbeArticle = """
        Harbour pilots on the Elbe stopped guiding ships on Monday, leaving more than forty container vessels waiting off Cuxhaven.

        Ilse Marquardt, the chair of the pilots' association, said the strike would last until the port authority agreed to hire twelve more pilots. She promised that ships carrying medicine and fuel would still be guided upriver.

        The city of Hamburg demanded that the federal transport ministry mediate within a week. Hamburg also asked shipping lines to send smaller vessels to Bremerhaven instead.

        Bremen demanded compensation for the extra traffic its terminals would have to absorb, putting the cost at four million euros.

        Tobias Brandt, who speaks for the shipping lines, warned that the delays would add two days to deliveries across northern Europe. He said the lines would seek damages if the strike went on past Friday.

        The transport ministry said it was ready to mediate but that the pilots' pay claims were a matter for the port authority.
        """;

    private sealed record Reply(string Question, string Text, IReadOnlyList<string> Suggestions);

    /// <summary>Asks each question in turn in the conversation and returns the reply to the last one.</summary>
    private Task<Reply> AskAsync(PageToken token, params string[] questions) => AskAsync(Host, token, questions);

    private static async Task<Reply> AskAsync(BotHost host, PageToken token, params string[] questions)
    {
        Reply? reply = null;
        foreach (var question in questions)
        {
            using var posted = await host.PostMessageAsync(token, question);
            posted.EnsureSuccessStatusCode();
            var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
            bool IsReply(JsonElement a) => a.GetProperty("type").GetString() == "message" && a.TryGetProperty("replyToId", out var r) && r.GetString() == id;
            var activities = await host.ActivitiesAsync(token, list => list.Any(IsReply));
            var answer = activities.Single(IsReply);
            var suggestions = answer.TryGetProperty("suggestedActions", out var actions)
                ? actions.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList()
                : [];
            reply = new Reply(questions[0], answer.GetProperty("text").GetString()!.Split("\n\n[1]:")[0], suggestions);
        }

        return reply!;
    }

    private static IEnumerable<string> Sentences(Reply reply) => ContinuationRequest.Quoted(reply.Text);
}
