using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Bot.Turns;
using BriefingBot.Bot.WebChat;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>An answer quoting several sentences of one document lists that document once, with every sentence quoted from it.</summary>
public sealed class CitedSourcesTests(SharedBotHost shared)
{
    [Fact]
    public async Task WebChatAnswer_SeveralSentencesOfOneDocument_OneSourceHoldingEachQuotedSentence()
    {
        var host = shared.Host;
        const string question = "What did Putin say?";
        using var asked = await host.Http.PostAsJsonAsync("/api/ask", new { question }, TestContext.Current.CancellationToken);
        asked.EnsureSuccessStatusCode();
        var api = await asked.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var quotes = api.GetProperty("citations").EnumerateArray()
            .GroupBy(c => c.GetProperty("documentId").GetString())
            .ToDictionary(g => g.Key!, g => g.Select(c => c.GetProperty("quote").GetString()!).ToList());
        Assert.True(quotes.Values.Any(q => q.Count > 1), "The answer was meant to quote several sentences of one document: " + api);

        var token = await host.StartConversationAsync();
        (await host.PostMessageAsync(token, question)).EnsureSuccessStatusCode();
        var activities = await host.ActivitiesAsync(token, list => list.Any(IsAnswer));
        var answer = activities.Last(IsAnswer);

        var claims = answer.GetProperty("entities").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == WebChatFeedback.MessageEntityType).GetProperty("citation").EnumerateArray().ToList();
        Assert.Equal(quotes.Count, claims.Count);
        Assert.Equal(quotes.Count, answer.GetProperty("text").GetString()!.Split('\n').Count(l => l.Contains("]: cite:", StringComparison.Ordinal)));
        foreach (var (claim, document) in claims.Zip(quotes.Values))
        {
            var passage = claim.GetProperty("appearance").GetProperty("text").GetString()!;
            Assert.All(document, quote => Assert.Contains("> " + MarkdownText.Escape(quote), passage));
        }
    }

    private static bool IsAnswer(JsonElement activity) =>
        activity.GetProperty("type").GetString() == "message" && activity.TryGetProperty("replyToId", out _)
        && activity.TryGetProperty("entities", out _);
}
