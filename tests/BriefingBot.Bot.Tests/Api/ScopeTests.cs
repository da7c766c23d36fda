using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Bot.Api;
using BriefingBot.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>A key scoped to <c>desk=europe</c> sees only the Europe desk's documents, whatever it asks for.</summary>
[Collection(StaffApiCollection.Name)]
public sealed class ScopeTests(StaffApiFixture api)
{
    [Fact]
    public async Task List_ScopedKey_OnlyDocumentsInScope()
    {
        var scoped = await ListIdsAsync(api.EuropeKey, "");
        var full = await ListIdsAsync(api.FullKey, "");

        Assert.Contains(StaffApiFixture.EuropeDocument, scoped);
        Assert.DoesNotContain(StaffApiFixture.AsiaDocument, scoped);
        Assert.Contains(StaffApiFixture.AsiaDocument, full);
        Assert.True(full.Count > scoped.Count);
    }

    [Fact]
    public async Task List_ScopedKeyAsksForAnotherDesk_Nothing()
    {
        var ids = await ListIdsAsync(api.EuropeKey, "?tag=desk:asia");

        Assert.Empty(ids);
    }

    [Fact]
    public async Task Get_DocumentOutsideScope_NotFound()
    {
        using var outside = await api.SendAsync(HttpMethod.Get, $"api/documents/{StaffApiFixture.AsiaDocument}", api.EuropeKey);
        using var inside = await api.SendAsync(HttpMethod.Get, $"api/documents/{StaffApiFixture.EuropeDocument}", api.EuropeKey);

        await ProblemAssertions.AssertProblemAsync(outside, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        var document = await inside.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("ready", document.GetProperty("status").GetString());
        Assert.True(document.GetProperty("chunks").GetInt32() >= 1);
        Assert.Equal("europe", document.GetProperty("tags").GetProperty("desk")[0].GetString());
    }

    [Fact]
    public async Task Delete_DocumentOutsideScope_NotFoundAndKept()
    {
        using var response = await api.SendAsync(HttpMethod.Delete, $"api/documents/{StaffApiFixture.AsiaDocument}", api.EuropeKey);

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.NotFound);
        var memory = api.Host.Services.GetRequiredService<BriefingMemory>();
        Assert.NotNull(await memory.Store.GetDocumentAsync(StaffApiFixture.AsiaDocument, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Search_ScopedKey_HitsOnlyInScope()
    {
        var body = new { query = "rice prices agriculture ministry reserves", top = 20 };
        using var scoped = await api.SendAsync(HttpMethod.Post, "api/search", api.EuropeKey, body);
        using var full = await api.SendAsync(HttpMethod.Post, "api/search", api.FullKey, body);

        var scopedIds = await HitIdsAsync(scoped);
        var fullIds = await HitIdsAsync(full);
        Assert.Contains(StaffApiFixture.AsiaDocument, fullIds);
        Assert.DoesNotContain(StaffApiFixture.AsiaDocument, scopedIds);
        Assert.NotEmpty(scopedIds);
        var memory = api.Host.Services.GetRequiredService<BriefingMemory>();
        foreach (var id in scopedIds)
        {
            var document = await memory.Store.GetDocumentAsync(id, TestContext.Current.CancellationToken);
            Assert.Equal(["europe"], document!.Tags["desk"]);
        }
    }

    [Fact]
    public async Task Ask_ScopedKeyAboutDocumentOutsideScope_NoCitationFromIt()
    {
        var question = new { question = "Why did Japan release rice reserves?" };
        using var scoped = await api.SendAsync(HttpMethod.Post, "api/ask", api.EuropeKey, question);
        using var full = await api.SendAsync(HttpMethod.Post, "api/ask", api.FullKey, question);

        var scopedAnswer = await scoped.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var fullAnswer = await full.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains(fullAnswer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("documentId").GetString() == StaffApiFixture.AsiaDocument);
        Assert.DoesNotContain(scopedAnswer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("documentId").GetString() == StaffApiFixture.AsiaDocument);
    }

    [Fact]
    public async Task Upload_ScopedKeyWithoutTags_TaggedWithItsScope()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/documents", api.EuropeKey,
            new { documents = new[] { new { id = "eu-scoped-upload", text = "The Dutch grid operator warned of congestion in Utrecht province." } } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var memory = api.Host.Services.GetRequiredService<BriefingMemory>();
        var stored = await memory.Store.GetDocumentAsync("eu-scoped-upload", TestContext.Current.CancellationToken);
        Assert.Equal(["europe"], stored!.Tags["desk"]);
    }

    [Fact]
    public async Task Upload_ScopedKeyTaggingAnotherDesk_RefusedNamingTheField()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/documents", api.EuropeKey,
            new { documents = new[] { new { id = "asia-by-europe", text = "A text for another desk.", tags = new Dictionary<string, string[]> { ["desk"] = ["asia"] } } } });

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.True(problem.GetProperty("errors").TryGetProperty("documents[0].tags", out _));
    }

    [Fact]
    public async Task Upload_ScopedKeyTaggingItsDeskAndAnother_ForbiddenNamingTheTag_NothingStored()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/documents", api.EuropeKey,
            new { documents = new[] { new { id = "eu-both", text = "A text for two desks.", tags = new Dictionary<string, string[]> { ["desk"] = ["europe", "asia"] } } } });

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("desk = asia", problem.GetProperty("errors").GetProperty("documents[0].tags")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(await StoredAsync("eu-both"));
    }

    [Fact]
    public async Task Upload_SeveralDocumentsOneOfThemPartlyOutsideScope_ForbiddenAndNoneStored()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/documents", api.EuropeKey, new
        {
            documents = new object[]
            {
                new { id = "eu-batch-inside", text = "The Danish port of Esbjerg opened a new wind terminal." },
                new { id = "eu-batch-both", text = "A text for two desks.", tags = new Dictionary<string, string[]> { ["desk"] = ["asia", "europe"] } },
            },
        });

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.True(problem.GetProperty("errors").TryGetProperty("documents[1].tags", out _));
        Assert.Null(await StoredAsync("eu-batch-inside"));
        Assert.Null(await StoredAsync("eu-batch-both"));
    }

    [Fact]
    public async Task Upload_FileTaggedPartlyOutsideScope_ForbiddenAndNoJob()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("The Polish grid operator ordered new transformers."u8.ToArray()), "files", "eu-both-file.txt" },
            { new StringContent("desk=europe,desk=asia"), "tags" },
        };
        var request = api.Request(HttpMethod.Post, "api/documents", api.EuropeKey);
        request.Content = form;

        using var response = await api.Host.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.True(problem.GetProperty("errors").TryGetProperty("files[0].tags", out _));
        using var jobs = await api.SendAsync(HttpMethod.Get, "api/jobs", api.EuropeKey);
        var listed = await jobs.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(listed.GetProperty("jobs").EnumerateArray(), j => j.TryGetProperty("documentId", out var id) && id.GetString() == "eu-both-file");
    }

    [Fact]
    public async Task Replace_OwnDocumentWithTagsPartlyOutsideScope_ForbiddenAndKeptAsItWas()
    {
        using var created = await api.SendAsync(HttpMethod.Post, "api/documents", api.EuropeKey,
            new { documents = new[] { new { id = "eu-to-widen", text = "The Belgian regulator capped gas transport tariffs." } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var widened = await api.SendAsync(HttpMethod.Post, "api/documents", api.EuropeKey,
            new { documents = new[] { new { id = "eu-to-widen", text = "Now for two desks.", tags = new Dictionary<string, string[]> { ["desk"] = ["europe", "asia"] } } } });

        await ProblemAssertions.AssertProblemAsync(widened, HttpStatusCode.Forbidden);
        var stored = await StoredAsync("eu-to-widen");
        Assert.Equal(["europe"], stored!.Tags["desk"]);
    }

    private Task<BriefingBot.Memory.Documents.DocumentInfo?> StoredAsync(string id) =>
        api.Host.Services.GetRequiredService<BriefingMemory>().Store.GetDocumentAsync(id, TestContext.Current.CancellationToken);

    [Fact]
    public void Restrict_RequestedValuesOutsideScope_MatchesNothing()
    {
        var caller = new StaffCaller
        {
            Name = "europe-desk",
            Kind = StaffCallerKind.Key,
            Permissions = StaffPermission.Read,
            Scope = new Dictionary<string, IReadOnlyList<string>> { ["desk"] = ["europe", "nordics"] },
        };

        var narrowed = caller.Restrict(new() { Tags = new Dictionary<string, IReadOnlyList<string>> { ["Desk"] = ["nordics", "asia"], ["topic"] = ["energy"] } });
        var nothing = caller.Restrict(new() { Tags = new Dictionary<string, IReadOnlyList<string>> { ["desk"] = ["asia"] } });

        Assert.Equal(["nordics"], narrowed.Tags["desk"]);
        Assert.Equal(["energy"], narrowed.Tags["topic"]);
        Assert.Empty(narrowed.DocumentIds);
        Assert.Equal([""], nothing.DocumentIds);
    }

    [Fact]
    public async Task Briefing_WithoutAKey_Unauthorized_DocumentOutsideScope_NotFound()
    {
        var body = new { documentIds = new[] { StaffApiFixture.AsiaDocument } };
        using var anonymous = await api.SendAsync(HttpMethod.Post, "api/briefings", null, body);
        using var outside = await api.SendAsync(HttpMethod.Post, "api/briefings", api.EuropeKey, body);
        using var full = await api.SendAsync(HttpMethod.Post, "api/briefings", api.FullKey, body);

        await ProblemAssertions.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await ProblemAssertions.AssertProblemAsync(outside, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    [Fact]
    public async Task BriefingJob_OfAScopedKey_CitesOnlyItsDesk_AndOtherKeysCannotReadIt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var accepted = await api.SendAsync(HttpMethod.Post, "api/briefings", api.EuropeKey, new { topic = "ministry measures on gas storage and rice reserves" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var status = accepted.Headers.Location!.ToString();
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;

        using var foreign = await api.SendAsync(HttpMethod.Get, status, api.FullKey);
        await ProblemAssertions.AssertProblemAsync(foreign, HttpStatusCode.NotFound);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        string state;
        do
        {
            await Task.Delay(200, ct);
            using var poll = await api.SendAsync(HttpMethod.Get, status, api.EuropeKey);
            state = (await poll.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("state").GetString()!;
        }
        while (state is "queued" or "running" && DateTime.UtcNow < deadline);

        Assert.Equal("succeeded", state);
        using var result = await api.SendAsync(HttpMethod.Get, $"api/briefings/{id}/result", api.EuropeKey);
        var briefing = await result.Content.ReadFromJsonAsync<JsonElement>(ct);
        var cited = briefing.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("documentId").GetString()).Distinct().ToList();
        Assert.Equal([StaffApiFixture.EuropeDocument], cited);
    }

    [Fact]
    public async Task Conversation_OfOneKey_IsNotSeenOrResetByAnother()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = "shared-name-" + Guid.NewGuid().ToString("N");
        using var asked = await api.SendAsync(HttpMethod.Post, "api/ask", api.FullKey, new { question = "What did Germany order for gas storage?", conversationId = id });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(id, (await asked.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("conversationId").GetString());

        using var otherReset = await api.SendAsync(HttpMethod.Delete, $"api/conversations/{id}", api.EuropeKey);
        using var ownReset = await api.SendAsync(HttpMethod.Delete, $"api/conversations/{id}", api.FullKey);

        Assert.Equal(0, (await otherReset.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("forgottenTurns").GetInt32());
        Assert.Equal(1, (await ownReset.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("forgottenTurns").GetInt32());
    }

    private async Task<List<string>> ListIdsAsync(string key, string query)
    {
        using var response = await api.SendAsync(HttpMethod.Get, "api/documents" + query, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return page.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<List<string>> HitIdsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return result.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("documentId").GetString()!).ToList();
    }
}
