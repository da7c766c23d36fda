using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BriefingBot.Bot.Tests.Api;

[Collection(StaffApiCollection.Name)]
public sealed class AskStreamTests(StaffApiFixture api)
{
    [Fact]
    public async Task Ask_StreamTrue_ServerSentEventsEndingWithTheSameAnswerAsJson()
    {
        var question = "What did the regulator warn about gas storage?";
        var request = api.Request(HttpMethod.Post, "api/ask", api.FullKey, new { question, stream = true });

        var events = await ServerSentEventReader.ReadAllAsync(api.Host.Http, request);
        using var plain = await api.SendAsync(HttpMethod.Post, "api/ask", api.FullKey, new { question });

        Assert.Equal(["delta", "citations", "done"], events.Select(e => e.Name));
        var done = events[^1].Data;
        var expected = await plain.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(expected.GetProperty("answer").GetString(), done.GetProperty("answer").GetString());
        Assert.Equal(expected.GetProperty("answer").GetString(), events[0].Data.GetProperty("text").GetString());
        Assert.Equal(done.GetProperty("citations").GetRawText(), events[1].Data.GetRawText());
        Assert.NotEqual(0, events[1].Data.GetArrayLength());
    }

    [Fact]
    public async Task Ask_StreamWithoutQuestion_ProblemNotStream()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/ask", api.FullKey, new { stream = true });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
