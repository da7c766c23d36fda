using System.Text.Json;
using BriefingBot.Bot.WebChat;
using BriefingBot.Memory.Tests.Support;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>
/// What the page and each answer say about how the answer was made: quoted from the sources (extractive), or
/// AI-generated (a model wrote it; here a scripted OpenAI-compatible server on loopback, as no model can run here).
/// </summary>
public sealed class AnswerLabelTests(SharedBotHost shared)
{
    [Fact]
    public async Task Extractive_PageAndAnswerSayQuotedFromTheSources_NoAiLabel()
    {
        var host = shared.Host;

        var page = await host.Http.GetStringAsync("/", TestContext.Current.CancellationToken);
        var message = await AnswerEntityAsync(host, "What did Russia demand?");

        Assert.Contains(WebChatPage.QuotedNotice, page);
        Assert.DoesNotContain("AI-generated", page);
        Assert.False(message.TryGetProperty("keywords", out _), "An extractive answer is labelled AI-generated.");
        Assert.Equal(WebChatAnswerMessage.QuotedLabel, Slogan(message));
    }

    [Fact]
    public async Task Generative_PageAndAnswerSayAiGenerated()
    {
        await using var model = new ScriptedModelServer();
        await using var host = await BotHost.StartAsync(null,
            "AI:Provider=OpenAI", $"AI:Endpoint={model.OpenAIEndpoint}", "AI:ChatModel=briefing-chat", "AI:FollowUpSuggestions=false");
        model.Then(r => ScriptedResponse.Stream(
            ["The demands include a permanent bar on Ukraine ever joining Nato ", $"and a Russian veto over military deployments in alliance member states [{FactWith(r, "permanent bar")}]."]));

        var page = await host.Http.GetStringAsync("/", TestContext.Current.CancellationToken);
        var message = await AnswerEntityAsync(host, "What did Russia demand?");

        Assert.Contains(WebChatPage.GeneratedNotice, page);
        Assert.Equal(["AIGeneratedContent"], message.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(WebChatAnswerMessage.AiLabel, Slogan(message));
    }

    /// <summary>Asks through Direct Line and returns the root schema.org Message entity of the answer.</summary>
    private static async Task<JsonElement> AnswerEntityAsync(BotHost host, string question)
    {
        var token = await host.StartConversationAsync();
        using var posted = await host.PostMessageAsync(token, question);
        posted.EnsureSuccessStatusCode();
        var activities = await host.ActivitiesAsync(token, list => list.Any(IsAnswer));
        var answer = activities.Last(IsAnswer);
        return answer.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("type").GetString() == WebChatFeedback.MessageEntityType);
    }

    private static bool IsAnswer(JsonElement activity) =>
        activity.GetProperty("type").GetString() == "message" && activity.TryGetProperty("replyToId", out _)
        && activity.TryGetProperty("entities", out var entities)
        && entities.EnumerateArray().Any(e => e.GetProperty("type").GetString() == WebChatFeedback.MessageEntityType);

    private static string? Slogan(JsonElement message) =>
        message.GetProperty("citation")[0].GetProperty("claimInterpreter").GetProperty("slogan").GetString();

    /// <summary>The number of the fact in the model's prompt whose passage contains <paramref name="phrase"/>.</summary>
    private static int FactWith(RecordedRequest request, string phrase)
    {
        var system = request.Messages.First(m => m.Role == "system").Content;
        foreach (var block in system.Split("\n\n["))
        {
            var close = block.IndexOf(']');
            if (close > 0 && int.TryParse(block.TrimStart('[')[..block.TrimStart('[').IndexOf(']')], out var n) && block.Contains(phrase, StringComparison.Ordinal))
            {
                return n;
            }
        }

        throw new InvalidOperationException($"No fact in the prompt contains '{phrase}'.");
    }
}
