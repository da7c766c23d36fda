using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>
/// <c>/api/briefings</c> on the real host with <c>AI:Provider</c> set, the model being a scripted OpenAI-compatible
/// server on loopback: the briefings the API returns, at once and from jobs, are written and checked.
/// </summary>
public sealed partial class WrittenBriefingsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_WithAModel_KeyPointsWrittenAndWatchItemsCitedAtOnceAndInJobs()
    {
        await using var model = new ScriptedModelServer { Fallback = Reply };
        await using var host = await TestBotHost.StartAsync(new Dictionary<string, string>
        {
            ["AI:Provider"] = "OpenAI",
            ["AI:Endpoint"] = model.OpenAIEndpoint,
            ["AI:ChatModel"] = "briefing-chat",
            ["AI:FollowUpSuggestions"] = "false",
        });

        using var now = await host.Http.PostAsJsonAsync("api/briefings", new { documentIds = new[] { "harbour-levy" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, now.StatusCode);
        var briefing = await now.Content.ReadFromJsonAsync<JsonElement>(Ct);
        AssertWritten(briefing);
        Assert.Contains(model.ChatRequests, r => r.Messages[0].Content.Contains("harbour levy of two euros", StringComparison.Ordinal));

        using var accepted = await host.Http.PostAsJsonAsync("api/briefings", new { topic = "harbour levy for the sea wall" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = accepted.Headers.Location!.ToString().TrimStart('/');
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        JsonElement job;
        do
        {
            await Task.Delay(200, Ct);
            job = await host.Http.GetFromJsonAsync<JsonElement>(status, Ct);
        }
        while (job.GetProperty("state").GetString() is "queued" or "running" && DateTime.UtcNow < deadline);

        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        AssertWritten(await host.Http.GetFromJsonAsync<JsonElement>(job.GetProperty("resultUrl").GetString()!.TrimStart('/'), Ct));
    }

    private static void AssertWritten(JsonElement briefing)
    {
        Assert.Equal("generative", briefing.GetProperty("mode").GetString());
        var citations = briefing.GetProperty("citations").EnumerateArray().ToList();
        var levy = Assert.Single(briefing.GetProperty("keyPoints").EnumerateArray(), p => p.GetProperty("text").GetString()!.StartsWith("The council has approved", StringComparison.Ordinal));
        var cited = levy.GetProperty("citations").EnumerateArray().Select(n => citations[n.GetInt32() - 1].GetProperty("quote").GetString()).ToList();
        Assert.Contains(cited, q => q!.Contains("harbour levy of two euros", StringComparison.Ordinal));
        var watch = Assert.Single(briefing.GetProperty("openQuestions").EnumerateArray());
        Assert.StartsWith("Whether the sea wall repairs start in May", watch.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The scripted model: rewrites the levy key point and lists two items to watch, one its passage supports and one it does not.</summary>
    private static ScriptedResponse Reply(RecordedRequest request)
    {
        var system = request.Messages[0].Content;
        var user = request.Messages[^1].Content;
        int Passage(string phrase) => int.Parse(Regex.Split(system, @"\n\n(?=\[\d+\] Title:)")
            .Select(block => PassageHeader().Match(block))
            .First(m => m.Success && m.Groups[2].Value.Contains(phrase, StringComparison.Ordinal)).Groups[1].Value);
        int KeyPoint(string phrase) => int.Parse(Regex.Match(user, $@"^(\d+)\. [^\n]*{Regex.Escape(phrase)}", RegexOptions.Multiline).Groups[1].Value);
        return ScriptedResponse.Chat($"""
            Key points:
            {KeyPoint("harbour levy")}. The council has approved a harbour levy of two euros on each visiting yacht [{Passage("harbour levy of two euros")}].

            What to watch:
            - Whether the sea wall repairs start in May and take about six months as the harbour master said [{Passage("start in May")}].
            - Whether the government will nationalise the ferry company next year [{Passage("start in May")}].
            """);
    }

    [GeneratedRegex(@"^\[(\d+)\] Title:[^\n]*\n(.*)$", RegexOptions.Singleline)]
    private static partial Regex PassageHeader();
}
