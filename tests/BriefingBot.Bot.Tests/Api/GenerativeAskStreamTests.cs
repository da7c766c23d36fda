using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>
/// <c>stream: true</c> with a generative model (a scripted OpenAI-compatible server on loopback, as no model can run
/// here): the model's deltas arrive as separate events, then the checked answer with its citations.
/// </summary>
public sealed class GenerativeAskStreamTests
{
    [Fact]
    public async Task Ask_StreamWithModel_DeltasThenCitationsThenCheckedAnswer()
    {
        await using var model = new ScriptedModelServer();
        await using var host = await TestBotHost.StartAsync(new Dictionary<string, string>
        {
            ["AI:Provider"] = "OpenAI",
            ["AI:Endpoint"] = model.OpenAIEndpoint,
            ["AI:ChatModel"] = "briefing-chat",
            ["AI:FollowUpSuggestions"] = "false",
        });
        var deltas = new List<string>();
        model.Then(r =>
        {
            var fact = FactWith(r, "permanent bar");
            deltas.AddRange(["The demands include a permanent bar ", "on Ukraine ever joining Nato and a Russian veto ", $"over military deployments in alliance member states [{fact}]."]);
            return ScriptedResponse.Stream(deltas);
        });
        var request = new HttpRequestMessage(HttpMethod.Post, "api/ask")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { question = "What is Russia demanding from Nato?", stream = true }),
        };

        var events = await ServerSentEventReader.ReadAllAsync(host.Http, request);

        Assert.True(Assert.Single(model.ChatRequests).Json.GetProperty("stream").GetBoolean());
        Assert.Equal(deltas, events.Where(e => e.Name == "delta").Select(e => e.Data.GetProperty("text").GetString()));
        Assert.Equal(["citations", "done"], events.Skip(deltas.Count).Select(e => e.Name));
        var done = events[^1].Data;
        Assert.Equal("generative", done.GetProperty("mode").GetString());
        Assert.StartsWith("The demands include a permanent bar on Ukraine ever joining Nato", done.GetProperty("answer").GetString());
        var citation = System.Linq.Enumerable.Single(events[^2].Data.EnumerateArray());
        Assert.Contains("permanent bar", citation.GetProperty("quote").GetString());
    }

    private static int FactWith(RecordedRequest request, string phrase)
    {
        var system = request.Messages.First(m => m.Role == "system").Content;
        foreach (var block in system.Split("\n\n["))
        {
            var close = block.IndexOf(']');
            if (close > 0 && int.TryParse(block.TrimStart('[')[..(block.TrimStart('[').IndexOf(']'))], out var n) && block.Contains(phrase, StringComparison.Ordinal))
            {
                return n;
            }
        }

        throw new InvalidOperationException($"No fact in the prompt contains '{phrase}'.");
    }
}
