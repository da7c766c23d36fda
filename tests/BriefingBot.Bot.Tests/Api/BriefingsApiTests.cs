using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Api;

/// <summary><c>/api/briefings</c> on the real host (Kestrel on loopback) over a real memory, with the real job worker.</summary>
public sealed class BriefingsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_OneDocument_AnswersAtOnceInEachFormat()
    {
        await using var host = await TestBotHost.StartAsync();

        using var json = await host.Http.PostAsJsonAsync("api/briefings", new { documentIds = new[] { "harbour-levy" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        using var briefing = JsonDocument.Parse(await json.Content.ReadAsStringAsync(Ct));
        var root = briefing.RootElement;
        Assert.Equal("Council approves harbour levy to repair the sea wall", root.GetProperty("headline").GetString());
        Assert.Equal(["harbour-levy"], root.GetProperty("documentIds").EnumerateArray().Select(e => e.GetString()));
        Assert.NotEmpty(root.GetProperty("keyPoints").EnumerateArray());
        Assert.All(root.GetProperty("citations").EnumerateArray(), c => Assert.Equal("harbour-levy", c.GetProperty("documentId").GetString()));
        Assert.False(root.TryGetProperty("openQuestions", out _));

        using var markdown = await host.Http.PostAsJsonAsync("api/briefings", new { documentIds = new[] { "harbour-levy" }, format = "markdown" }, Ct);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        var md = await markdown.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("# Council approves harbour levy", md, StringComparison.Ordinal);
        Assert.Contains("## Sources", md, StringComparison.Ordinal);

        using var docx = await host.Http.PostAsJsonAsync("api/briefings", new { documentIds = new[] { "harbour-levy" }, format = "docx" }, Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("briefing.docx", docx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var stream = new MemoryStream(await docx.Content.ReadAsByteArrayAsync(Ct));
        using var word = WordprocessingDocument.Open(stream, false);
        Assert.NotEmpty(word.MainDocumentPart!.FootnotesPart!.Footnotes!.ChildElements);
    }

    [Fact]
    public async Task Post_Topic_RunsAsAJobWithProgressAndAResultInEachFormat()
    {
        await using var host = await TestBotHost.StartAsync();

        using var accepted = await host.Http.PostAsJsonAsync("api/briefings", new { topic = "harbour levy and the sea wall repairs" }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.ToString();
        var job = await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = job.GetProperty("id").GetString()!;
        Assert.Equal($"/api/briefings/jobs/{id}", location);
        Assert.Contains(job.GetProperty("state").GetString(), new[] { "queued", "running", "succeeded" });
        var done = await WaitUntilFinishedAsync(host, location);
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal(2, done.GetProperty("progress").GetProperty("done").GetInt32());
        var resultUrl = done.GetProperty("resultUrl").GetString()!;
        Assert.Equal($"/api/briefings/{id}/result", resultUrl);

        var result = await host.Http.GetFromJsonAsync<JsonElement>(resultUrl.TrimStart('/'), Ct);
        Assert.Equal("harbour levy and the sea wall repairs", result.GetProperty("topic").GetString());
        Assert.Contains("harbour-levy", result.GetProperty("documentIds").EnumerateArray().Select(e => e.GetString()));
        using var markdown = await host.Http.GetAsync(resultUrl.TrimStart('/') + "?format=markdown", Ct);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("*Topic:* harbour levy and the sea wall repairs", await markdown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var docx = await host.Http.GetAsync(resultUrl.TrimStart('/') + "?format=docx", Ct);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal((byte)'P', (await docx.Content.ReadAsByteArrayAsync(Ct))[0]);
    }

    [Fact]
    public async Task Post_MoreDocumentsThanTheThreshold_RunsAsAJob()
    {
        await using var host = await TestBotHost.StartAsync(new Dictionary<string, string> { ["Memory:Briefing:ImmediateDocuments"] = "1" });
        var ids = (await host.Services.GetRequiredService<BriefingMemory>().ListAsync(cancellationToken: Ct)).Select(d => d.Id).Take(2).ToList();

        using var accepted = await host.Http.PostAsJsonAsync("api/briefings", new { documentIds = ids }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var done = await WaitUntilFinishedAsync(host, accepted.Headers.Location!.ToString());
        var result = await host.Http.GetFromJsonAsync<JsonElement>(done.GetProperty("resultUrl").GetString()!.TrimStart('/'), Ct);
        Assert.Equal(ids.Order(), result.GetProperty("documentIds").EnumerateArray().Select(e => e.GetString()!).Order());
    }

    [Fact]
    public async Task Post_Tags_RestrictTheTopicJobAndTheDocuments()
    {
        await using var host = await TestBotHost.StartAsync();
        var tags = new Dictionary<string, string[]> { ["desk"] = ["nowhere"] };

        using var accepted = await host.Http.PostAsJsonAsync("api/briefings", new { topic = "harbour levy and the sea wall repairs", tags }, Ct);
        var done = await WaitUntilFinishedAsync(host, accepted.Headers.Location!.ToString());
        var result = await host.Http.GetFromJsonAsync<JsonElement>(done.GetProperty("resultUrl").GetString()!.TrimStart('/'), Ct);
        using var outside = await host.Http.PostAsJsonAsync("api/briefings", new { documentIds = new[] { "harbour-levy" }, tags }, Ct);

        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Empty(result.GetProperty("documentIds").EnumerateArray());
        Assert.Empty(result.GetProperty("keyPoints").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Post_BadInput_ProblemNamingTheField()
    {
        await using var host = await TestBotHost.StartAsync();

        await AssertProblemAsync(host, "{}", HttpStatusCode.BadRequest, "documentIds");
        await AssertProblemAsync(host, """{"documentIds":["harbour-levy"],"format":"pdf"}""", HttpStatusCode.BadRequest, "format");
        await AssertProblemAsync(host, """{"documentIds":"harbour-levy"}""", HttpStatusCode.BadRequest, "documentIds");
        await AssertProblemAsync(host, """{"documentIds":["harbour-levy", " "]}""", HttpStatusCode.BadRequest, "documentIds[1]");
        await AssertProblemAsync(host, "not json", HttpStatusCode.BadRequest, "body");
        var unknown = await AssertProblemAsync(host, """{"documentIds":["no-such-document"]}""", HttpStatusCode.NotFound, null);
        Assert.Contains("no-such-document", unknown.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("documentIds", unknown.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Result_JobNotFinishedOrUnknown_Problem()
    {
        await using var host = await TestBotHost.StartAsync(new Dictionary<string, string> { ["Jobs:Enabled"] = "false" });
        using var accepted = await host.Http.PostAsJsonAsync("api/briefings", new { topic = "sea wall" }, Ct);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        using var pending = await host.Http.GetAsync($"api/briefings/{id}/result", Ct);
        Assert.Equal(HttpStatusCode.Conflict, pending.StatusCode);
        Assert.Equal("application/problem+json", pending.Content.Headers.ContentType?.MediaType);
        var status = await host.Http.GetFromJsonAsync<JsonElement>($"api/briefings/jobs/{id}", Ct);
        Assert.Equal("queued", status.GetProperty("state").GetString());
        Assert.False(status.TryGetProperty("resultUrl", out _));

        using var unknown = await host.Http.GetAsync("api/briefings/jobs/no-such-job", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var badFormat = await host.Http.GetAsync($"api/briefings/{id}/result?format=pdf", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
    }

    private static async Task<JsonElement> AssertProblemAsync(TestBotHost host, string body, HttpStatusCode status, string? field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await host.Http.PostAsync("api/briefings", content, Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }

        return problem;
    }

    private static async Task<JsonElement> WaitUntilFinishedAsync(TestBotHost host, string statusUrl)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var status = await host.Http.GetFromJsonAsync<JsonElement>(statusUrl.TrimStart('/'), Ct);
            if (status.GetProperty("state").GetString() is "succeeded" or "failed")
            {
                return status;
            }

            await Task.Delay(200, Ct);
        }

        throw new TimeoutException($"{statusUrl} did not finish");
    }
}
