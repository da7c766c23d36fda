using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>Files (and large JSON) are accepted as background ingestion jobs whose status URL shows them through to a searchable document.</summary>
[Collection(StaffApiCollection.Name)]
public sealed class UploadJobTests(StaffApiFixture api, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_MultipartPdfAndMarkdown_JobsRunAndDocumentsBecomeSearchable()
    {
        using var form = new MultipartFormDataContent
        {
            { File(BuildPdf(), "application/pdf"), "files", "Cyber Report 2025.pdf" },
            { File(Encoding.UTF8.GetBytes("# Harbour dredging\n\nDredging of the outer harbour in Peterhead will begin in August, the port authority said."), "text/markdown"), "files", "dredging.md" },
            { new StringContent("desk=security, kind=report"), "tags" },
            { new StringContent("2025-03-04"), "published" },
        };
        var request = api.Request(HttpMethod.Post, "api/documents", api.FullKey);
        request.Content = form;
        var clock = Stopwatch.StartNew();

        using var response = await api.Host.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var jobs = accepted.GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(2, jobs.Count);
        Assert.Equal(jobs[0].GetProperty("statusUrl").GetString(), response.Headers.Location?.OriginalString);
        Assert.Equal(["cyber-report-2025", "dredging"], jobs.Select(j => j.GetProperty("documentId").GetString()));

        var pdfJob = await WaitForJobAsync(jobs[0].GetProperty("statusUrl").GetString()!, api.FullKey);
        output.WriteLine($"PDF upload → job succeeded in {clock.ElapsedMilliseconds} ms");
        var mdJob = await WaitForJobAsync(jobs[1].GetProperty("statusUrl").GetString()!, api.FullKey);

        Assert.Equal("succeeded", pdfJob.GetProperty("state").GetString());
        Assert.Equal("succeeded", mdJob.GetProperty("state").GetString());
        var progress = pdfJob.GetProperty("progress");
        Assert.Equal(progress.GetProperty("total").GetInt32(), progress.GetProperty("done").GetInt32());
        Assert.Equal("/api/documents/cyber-report-2025", pdfJob.GetProperty("documentUrl").GetString());
        Assert.Equal("created", pdfJob.GetProperty("result").GetProperty("outcome").GetString());

        using var document = await api.SendAsync(HttpMethod.Get, "api/documents/cyber-report-2025", api.FullKey);
        var stored = await document.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("application/pdf", stored.GetProperty("contentType").GetString());
        Assert.Equal("security", stored.GetProperty("tags").GetProperty("desk")[0].GetString());
        Assert.StartsWith("2025-03-04", stored.GetProperty("published").GetString());
        using var search = await api.SendAsync(HttpMethod.Post, "api/search", api.FullKey, new { query = "ransomware attacks on hospitals", tags = new { desk = new[] { "security" } } });
        var hits = await search.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("cyber-report-2025", hits.GetProperty("hits")[0].GetProperty("documentId").GetString());
        output.WriteLine($"PDF upload → searchable in {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Job_ReadByAnotherKey_NotFoundAndNotListed()
    {
        var id = await UploadFileAsync(api.FullKey, "otters.txt", "Otters returned to the river Kelvin after forty years, ecologists said.");

        using var own = await api.SendAsync(HttpMethod.Get, $"api/jobs/{id}", api.FullKey);
        using var other = await api.SendAsync(HttpMethod.Get, $"api/jobs/{id}", api.ReaderKey);
        using var list = await api.SendAsync(HttpMethod.Get, "api/jobs", api.ReaderKey);
        using var ownList = await api.SendAsync(HttpMethod.Get, "api/jobs", api.FullKey);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await ProblemAssertions.AssertProblemAsync(other, HttpStatusCode.NotFound);
        var listed = await list.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.DoesNotContain(listed.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == id);
        var ownListed = await ownList.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(ownListed.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Upload_CorruptPdf_JobFailsWithTheReason()
    {
        var id = await UploadFileAsync(api.FullKey, "broken.pdf", "this is not a PDF at all");

        var job = await WaitForJobAsync($"/api/jobs/{id}", api.FullKey);

        Assert.Equal("failed", job.GetProperty("state").GetString());
        Assert.Contains("broken.pdf", job.GetProperty("error").GetString());
        using var document = await api.SendAsync(HttpMethod.Get, "api/documents/broken", api.FullKey);
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
    }

    [Fact]
    public async Task Upload_LargeJson_AcceptedAsJob()
    {
        var text = string.Join(" ", Enumerable.Range(1, 300).Select(i => $"Sentence {i} of the long council report on bus lanes."));
        Assert.True(text.Length > StaffApiFixture.InlineIngestMaxChars);

        using var response = await api.SendAsync(HttpMethod.Post, "api/documents", api.FullKey, new { documents = new[] { new { id = "bus-lane-report", text } } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await WaitForJobAsync(response.Headers.Location!.OriginalString, api.FullKey);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal("bus-lane-report", job.GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task Upload_MultipartWithoutFiles_ValidationProblemNamingFiles()
    {
        var request = api.Request(HttpMethod.Post, "api/documents", api.FullKey);
        request.Content = new MultipartFormDataContent { { new StringContent("desk=europe"), "tags" } };

        using var response = await api.Host.Http.SendAsync(request, Ct);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("files", out _));
    }

    private async Task<string> UploadFileAsync(string key, string name, string content)
    {
        var request = api.Request(HttpMethod.Post, "api/documents", key);
        request.Content = new MultipartFormDataContent { { File(Encoding.UTF8.GetBytes(content), "application/octet-stream"), "file", name } };
        using var response = await api.Host.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.GetProperty("jobs")[0].GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> WaitForJobAsync(string url, string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await api.SendAsync(HttpMethod.Get, url.TrimStart('/'), key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var job = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            if (job.GetProperty("state").GetString() is "succeeded" or "failed")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The job is still {job.GetProperty("state").GetString()}.");
            await Task.Delay(50, Ct);
        }
    }

    private static ByteArrayContent File(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private static byte[] BuildPdf()
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Annual Cyber Threat Report";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var first = builder.AddPage(PageSize.A4);
        first.AddText("Annual Cyber Threat Report", 18, new PdfPoint(50, 780), font);
        first.AddText("Ransomware attacks on hospitals doubled last year, the agency said,", 11, new PdfPoint(50, 740), font);
        first.AddText("and most began with a stolen password.", 11, new PdfPoint(50, 726), font);
        var second = builder.AddPage(PageSize.A4);
        second.AddText("Phishing remains the most common way in.", 11, new PdfPoint(50, 780), font);
        return builder.Build();
    }
}
