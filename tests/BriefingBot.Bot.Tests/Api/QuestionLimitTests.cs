using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>
/// One setting (<c>Memory:Search:MaxQuestionCharacters</c>, default 2000) bounds a question on every front end of the
/// real host: the API answers a 400 that says the limit before doing any work, chat answers politely, and the keyword
/// search never looks for more than <c>Memory:Search:MaxQueryTerms</c> words.
/// </summary>
public sealed class QuestionLimitTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestBotHost Host => fixture.Host;

    [Theory]
    [InlineData("api/ask", "question", false)]
    [InlineData("api/ask", "question", true)]
    [InlineData("api/search", "query", false)]
    public async Task OneMegabyteQuestionOfDistinctWords_BadRequestFast_SayingTheLimit(string path, string field, bool stream)
    {
        var question = DistinctWords(1024 * 1024);
        var clock = Stopwatch.StartNew();

        using var response = await Host.Http.PostAsJsonAsync(path,
            field == "question" ? new Dictionary<string, object> { [field] = question, ["stream"] = stream } : new Dictionary<string, object> { [field] = question }, Ct);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("2,000", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuestionJustOverTheLimit_BadRequest_AtTheLimit_Answered()
    {
        var limit = Host.Services.GetRequiredService<BriefingBot.Memory.MemoryOptions>().Search.MaxQuestionCharacters;
        var atLimit = ("Why was the harbour levy approved? " + DistinctWords(limit))[..limit];

        using var over = await Host.Http.PostAsJsonAsync("api/ask", new { question = atLimit + "x" }, Ct);
        using var at = await Host.Http.PostAsJsonAsync("api/ask", new { question = atLimit }, Ct);

        await ProblemAssertions.AssertProblemAsync(over, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, at.StatusCode);
    }

    [Fact]
    public async Task Search_QuestionOf65DistinctWords_AnsweredAndTheKeywordSearchTakesAtMost64()
    {
        var words = DistinctWords(600);
        var limits = Host.Services.GetRequiredService<BriefingBot.Memory.MemoryOptions>().Search;
        var question = string.Join(' ', words.Split(' ').Take(65));

        using var response = await Host.Http.PostAsJsonAsync("api/search", new { query = question }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(result.TryGetProperty("hits", out _));
        Assert.Equal(65, BriefingBot.Memory.Language.QueryTerms.ContentWords(question).Count);
        Assert.Equal(64, limits.KeywordTerms(question).Count);
    }

    [Fact]
    public async Task Chat_MessageOverTheLimit_PoliteReplyThatSaysTheLimit_NothingRemembered()
    {
        await using var connector = await RecordingConnector.StartAsync();
        var message = TestActivities.Message(connector.ServiceUrl, "Why was the harbour levy approved? " + DistinctWords(5000));

        await TestActivities.PostAsync(Host.Http, Host.MessagesUrl, message);

        var replies = (await connector.WaitForMessageAsync()).Select(c => c.Activity.Text).Where(t => !string.IsNullOrEmpty(t)).ToList();
        Assert.Contains(replies, t => t!.Contains("2,000 characters", StringComparison.Ordinal));
        var history = await Host.Services.GetRequiredService<ConversationService>().HistoryAsync(BriefingBot.Bot.Turns.BriefingTurnHandler.ConversationKey(message), Ct);
        Assert.Empty(history);
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(2000, 0)]
    [InlineData(1_000_000, 64)]
    public void Validate_LimitsOutOfRange_RefusedNamingTheSetting(int characters, int terms)
    {
        var options = new SearchOptions { MaxQuestionCharacters = characters, MaxQueryTerms = terms };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(characters is 0 or 1_000_000 ? "MaxQuestionCharacters" : "MaxQueryTerms", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Words that are all different (so no cache or deduplication makes them cheap), <paramref name="characters"/> long or a little more.</summary>
    private static string DistinctWords(int characters)
    {
        var builder = new System.Text.StringBuilder(characters + 16);
        for (var i = 0; builder.Length < characters; i++)
        {
            builder.Append("zq");
            for (var n = i; ; n /= 26)
            {
                builder.Append((char)('a' + (n % 26)));
                if (n < 26)
                {
                    break;
                }
            }

            builder.Append(' ');
        }

        return builder.ToString();
    }
}
