using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BriefingBot.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>
/// Writers of one id at the same moment, through the real host: the outcome and the scope are decided where the
/// document is saved, so two creators are never both told "created" and a scoped key never takes over a document
/// that another desk stored while its request ran.
/// </summary>
[Collection(StaffApiCollection.Name)]
public sealed class ConcurrentWriteTests(StaffApiFixture api)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_TwoWritersOfOneNewIdAtOnce_FifteenRounds_ExactlyOneCreated()
    {
        for (var round = 0; round < 15; round++)
        {
            var id = $"race-{round}-{Guid.NewGuid():N}";
            var outcomes = await Task.WhenAll(
                UploadAsync(api.FullKey, id, Report("first", round, 30)),
                UploadAsync(api.FullKey, id, Report("second", round, 30)));

            Assert.All(outcomes, o => Assert.Equal(HttpStatusCode.Created, o.Status));
            Assert.Equal(1, outcomes.Count(o => o.Outcome == "created"));
            Assert.Contains(outcomes, o => o.Outcome is "replaced" or "unchanged");
        }
    }

    [Fact]
    public async Task Upload_EuropeAndAsiaCreateOneIdAtOnce_FifteenRounds_EuropeNeverTakesOverAsiasDocument()
    {
        for (var round = 0; round < 15; round++)
        {
            var id = $"contested-{round}-{Guid.NewGuid():N}";
            var europe = UploadAsync(api.EuropeKey, id, Report("europe", round, 30));
            var asia = UploadAsync(api.FullKey, id, Report("asia", round, 2), "asia");
            var results = await Task.WhenAll(europe, asia);

            // Whoever saved first, the Asia writer (unscoped) saves over Europe's or Europe is refused: the document is Asia's.
            var stored = await api.Host.Services.GetRequiredService<BriefingMemory>().Store.GetDocumentAsync(id, Ct);
            Assert.True(stored!.Tags["desk"].SequenceEqual(["asia"]),
                $"round {round}: the document is tagged {string.Join(",", stored.Tags["desk"])}; Europe answered {results[0].Status} {results[0].Outcome}, Asia {results[1].Outcome}");
            Assert.True(results[0].Status == HttpStatusCode.Forbidden || results[0].Outcome == "created",
                $"round {round}: Europe answered {results[0].Status} {results[0].Outcome}");
            Assert.Equal(1, results.Count(r => r.Outcome == "created"));
        }
    }

    [Fact]
    public async Task UploadJob_OfEuropeKey_WhileAsiaCreatesTheId_JobRefusedAndAsiasDocumentKept()
    {
        var id = "contested-job-" + Guid.NewGuid().ToString("N");
        var request = api.Request(HttpMethod.Post, "api/documents", api.EuropeKey);
        request.Content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Report("europe", 0, 600))), "file", "contested.txt" },
            { new StringContent(id), "id" },
        };
        using var accepted = await api.Host.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var asia = await UploadAsync(api.FullKey, id, Report("asia", 0, 2), "asia");
        var job = await WaitForJobAsync(accepted.Headers.Location!.OriginalString);

        Assert.Equal("created", asia.Outcome);
        Assert.Equal("failed", job.GetProperty("state").GetString());
        Assert.Contains("scope", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        var stored = await api.Host.Services.GetRequiredService<BriefingMemory>().Store.GetDocumentAsync(id, Ct);
        Assert.Equal(["asia"], stored!.Tags["desk"]);
        using var europeView = await api.SendAsync(HttpMethod.Get, $"api/documents/{id}", api.EuropeKey);
        await ProblemAssertions.AssertProblemAsync(europeView, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Upload_WithIfMatch_OnlyReplacesTheVersionTheWriterRead()
    {
        var id = "versioned-" + Guid.NewGuid().ToString("N");
        var created = await UploadAsync(api.FullKey, id, Report("v1", 0, 3));
        using var get = await api.SendAsync(HttpMethod.Get, $"api/documents/{id}", api.FullKey);
        var etag = get.Headers.ETag!.Tag;
        Assert.Equal(created.ETag, etag);

        var replaced = await UploadAsync(api.FullKey, id, Report("v2", 0, 3), ifMatch: etag);
        var stale = await UploadAsync(api.FullKey, id, Report("v3", 0, 3), ifMatch: etag);
        var missing = await UploadAsync(api.FullKey, "absent-" + Guid.NewGuid().ToString("N"), Report("v1", 0, 3), ifMatch: "*");

        Assert.Equal((HttpStatusCode.Created, "replaced"), (replaced.Status, replaced.Outcome));
        Assert.NotEqual(etag, replaced.ETag);
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(HttpStatusCode.Conflict, missing.Status);
        using var after = await api.SendAsync(HttpMethod.Get, $"api/documents/{id}", api.FullKey);
        Assert.Equal(replaced.ETag, after.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Upload_IfMatchWithSeveralDocuments_BadRequestNamingTheHeader()
    {
        var request = api.Request(HttpMethod.Post, "api/documents", api.FullKey, new
        {
            documents = new[] { new { id = "if-match-a", text = Report("a", 0, 1) }, new { id = "if-match-b", text = Report("b", 0, 1) } },
        });
        request.Headers.TryAddWithoutValidation("If-Match", "\"abc\"");

        using var response = await api.Host.Http.SendAsync(request, Ct);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("If-Match", out _));
    }

    private async Task<(HttpStatusCode Status, string? Outcome, string? ETag)> UploadAsync(string key, string id, string text, string? desk = null, string? ifMatch = null)
    {
        var tags = desk is null ? null : new Dictionary<string, string[]> { ["desk"] = [desk] };
        var request = api.Request(HttpMethod.Post, "api/documents", key, new { documents = new[] { new { id, text, tags } } });
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await api.Host.Http.SendAsync(request, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var outcome = response.StatusCode == HttpStatusCode.Created ? body.GetProperty("documents")[0].GetProperty("outcome").GetString() : null;
        return (response.StatusCode, outcome, response.Headers.ETag?.Tag);
    }

    private async Task<JsonElement> WaitForJobAsync(string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            using var response = await api.SendAsync(HttpMethod.Get, url.TrimStart('/'), api.EuropeKey);
            var job = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            if (job.GetProperty("state").GetString() is "succeeded" or "failed")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The job is still {job.GetProperty("state").GetString()}.");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>A plain news-like text of <paramref name="sentences"/> sentences, different for each writer and round.</summary>
    private static string Report(string writer, int round, int sentences) =>
        $"Port report by the {writer} desk, round {round}\n\n" + string.Join(' ', Enumerable.Range(0, sentences).Select(i =>
            $"On day {i + 1} the {writer} correspondent counted {(i * 37 + round) % 97 + 3} container ships waiting outside harbour {i % 11 + 1}."));
}
