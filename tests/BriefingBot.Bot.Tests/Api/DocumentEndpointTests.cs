using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BriefingBot.Bot.Tests.Api;

[Collection(StaffApiCollection.Name)]
public sealed class DocumentEndpointTests(StaffApiFixture api)
{
    [Fact]
    public async Task Upload_JsonText_CreatedAndSearchable()
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await api.SendAsync(HttpMethod.Post, "api/documents", api.FullKey, new
        {
            documents = new[]
            {
                new
                {
                    id = "lisbon-tram-strike",
                    title = "Lisbon tram drivers strike over night shifts",
                    text = "Tram drivers in Lisbon walked out on Monday in protest against new night shifts. The operator Carris said only the number 28 line ran.",
                    tags = new Dictionary<string, string[]> { ["desk"] = ["europe"], ["topic"] = ["transport"] },
                    published = "2025-05-05T00:00:00Z",
                    source = "https://news.example.org/lisbon-trams",
                },
            },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/documents/lisbon-tram-strike", response.Headers.Location?.OriginalString);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var document = created.GetProperty("documents")[0];
        Assert.Equal("created", document.GetProperty("outcome").GetString());
        Assert.True(document.GetProperty("chunks").GetInt32() >= 1);

        using var get = await api.SendAsync(HttpMethod.Get, "api/documents/lisbon-tram-strike", api.FullKey);
        var stored = await get.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("Lisbon tram drivers strike over night shifts", stored.GetProperty("title").GetString());
        Assert.Equal("https://news.example.org/lisbon-trams", stored.GetProperty("source").GetString());
        Assert.Equal(["transport"], stored.GetProperty("tags").GetProperty("topic").EnumerateArray().Select(v => v.GetString()));

        using var search = await api.SendAsync(HttpMethod.Post, "api/search", api.FullKey, new { query = "Which tram line still ran in Lisbon?" });
        var hits = await search.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("lisbon-tram-strike", hits.GetProperty("hits")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task Upload_JsonWithBadFields_ValidationNamesEachField()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/documents", api.FullKey, new
        {
            documents = new object[]
            {
                new { id = "fine-one", text = "" },
                new { id = "not a valid id!", text = "Some text." },
            },
        });

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("documents[0].text", out _));
        Assert.True(errors.TryGetProperty("documents[1].id", out _));
        using var get = await api.SendAsync(HttpMethod.Get, "api/documents/fine-one", api.FullKey);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task List_PagedWithCursor_EveryDocumentOnceInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var documents = Enumerable.Range(1, 7).Select(i => new
        {
            id = $"paging-{i}",
            text = $"Paging note number {i}: the ferry timetable changes on route {i * 11}.",
            tags = new Dictionary<string, string[]> { ["batch"] = ["paging"] },
        }).ToArray();
        using (var upload = await api.SendAsync(HttpMethod.Post, "api/documents", api.FullKey, new { documents }))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var seen = new List<string>();
        var url = "api/documents?tag=batch:paging&limit=3";
        var pages = 0;
        while (url is not null)
        {
            using var response = await api.SendAsync(HttpMethod.Get, url, api.FullKey);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var ids = page.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();
            Assert.InRange(ids.Count, 1, 3);
            seen.AddRange(ids);
            pages++;
            url = page.TryGetProperty("nextUrl", out var next) ? next.GetString()!.TrimStart('/') : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(documents.Select(d => d.id).Order(), seen.Order());
    }

    [Fact]
    public async Task List_ForgedCursor_ValidationProblemNamingCursor()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "api/documents?cursor=not-a-cursor", api.FullKey);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task Delete_Document_GoneFromGetAndSearch()
    {
        using (var upload = await api.SendAsync(HttpMethod.Post, "api/documents", api.FullKey,
            new { documents = new[] { new { id = "to-delete", text = "The lighthouse keeper of Skerryvore retired after forty years." } } }))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using var delete = await api.SendAsync(HttpMethod.Delete, "api/documents/to-delete", api.FullKey);
        using var again = await api.SendAsync(HttpMethod.Delete, "api/documents/to-delete", api.FullKey);
        using var get = await api.SendAsync(HttpMethod.Get, "api/documents/to-delete", api.FullKey);
        using var search = await api.SendAsync(HttpMethod.Post, "api/search", api.FullKey, new { query = "Skerryvore lighthouse keeper" });

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await ProblemAssertions.AssertProblemAsync(again, HttpStatusCode.NotFound);
        await ProblemAssertions.AssertProblemAsync(get, HttpStatusCode.NotFound);
        var hits = await search.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(hits.GetProperty("hits").EnumerateArray(), h => h.GetProperty("documentId").GetString() == "to-delete");
    }
}
