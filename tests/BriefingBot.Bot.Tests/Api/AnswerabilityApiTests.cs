using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>
/// The answerability rule in every front end of the real host (Kestrel on loopback, the samples in a real memory):
/// <c>/api/ask</c> alone and within a conversation, and the chat pipeline (<see cref="ConversationService"/>) that Teams,
/// Web Chat and Direct Line share.
/// </summary>
public sealed class AnswerabilityApiTests(AnonymousBotFixture fixture) : IClassFixture<AnonymousBotFixture>
{
    private const string AboutJapan = "What did Japan say about the talks?";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApiAsk_AboutAPartyTheSamplesNeverName_IsANotFoundNamingIt()
    {
        var answer = await AskAsync(new { question = AboutJapan });

        AssertNotFoundNamingJapan(answer);
    }

    [Fact]
    public async Task ApiAskInAConversation_AboutAPartyTheSamplesNeverName_IsANotFoundNamingIt()
    {
        var answer = await AskAsync(new { question = AboutJapan, conversationId = "trust-" + Guid.NewGuid().ToString("N") });

        AssertNotFoundNamingJapan(answer);
        Assert.Equal(1, answer.GetProperty("turn").GetInt32());
    }

    [Fact]
    public async Task ChatPipeline_AboutAPartyTheSamplesNeverName_IsANotFoundNamingIt()
    {
        var conversations = fixture.Host.Services.GetRequiredService<ConversationService>();

        var reply = await conversations.AskAsync("trust-chat-" + Guid.NewGuid().ToString("N"), AboutJapan, cancellationToken: Ct);

        Assert.True(reply.Answer.NoResult, reply.Answer.Text);
        Assert.Empty(reply.Answer.Citations);
        Assert.Equal(["Japan"], reply.Answer.Missing);
        Assert.Contains("Japan", reply.Answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiAsk_PartlyAnswerable_AnswersTheCoveredPartAndListsTheRestInMissing()
    {
        var answer = await AskAsync(new { question = "What did Putin and Turkey say about Nato?" });

        Assert.False(answer.GetProperty("noResult").GetBoolean(), answer.GetProperty("answer").GetString());
        Assert.Contains(answer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("quote").GetString()!.Contains("Putin", StringComparison.Ordinal));
        Assert.Equal(["Turkey"], answer.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.InRange(answer.GetProperty("confidence").GetSingle(), 0f, 1f);
    }

    [Fact]
    public async Task ApiAsk_FullyAnswerable_HasAConfidenceAndNoMissing()
    {
        var answer = await AskAsync(new { question = "What did Russia demand?" });

        Assert.False(answer.GetProperty("noResult").GetBoolean());
        Assert.False(answer.TryGetProperty("missing", out _));
        Assert.InRange(answer.GetProperty("confidence").GetSingle(), 0f, 1f);
    }

    [Fact]
    public void Start_MinConfidenceOutOfRange_StopsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => BotServer.Build(
            ["--urls", "http://127.0.0.1:0", "--data", Path.Combine(Path.GetTempPath(), "briefingbot-bot-tests", Guid.NewGuid().ToString("N")),
             "--Memory:Answer:MinConfidence=1.5"]));

        Assert.Contains("Memory:Answer:MinConfidence", error.Message, StringComparison.Ordinal);
    }

    private static void AssertNotFoundNamingJapan(JsonElement answer)
    {
        Assert.True(answer.GetProperty("noResult").GetBoolean(), answer.GetProperty("answer").GetString());
        Assert.Equal(0, answer.GetProperty("citations").GetArrayLength());
        Assert.Equal(["Japan"], answer.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("Japan", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.InRange(answer.GetProperty("confidence").GetSingle(), 0f, 1f);
    }

    private async Task<JsonElement> AskAsync(object body)
    {
        using var response = await fixture.Host.Http.PostAsJsonAsync("api/ask", body, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
