using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BriefingBot.Bot.Tests.Api;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Bot.Tests.Hostile;

/// <summary>
/// The hostile-input suite: every endpoint that reads a body gets malformed, oversized and adversarial input on the
/// real host, and must refuse it with a clear 4xx (a problem body on the staff API), never a 5xx, and then go on
/// serving the next good request. Scope and site boundaries are probed the same way. New endpoints add a row to
/// <see cref="HostileEndpoint.All"/>.
/// </summary>
public sealed partial class HostileInputTests(HostileFixture fixture) : IClassFixture<HostileFixture>
{
    private static readonly HttpStatusCode[] Refusals =
        [HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnprocessableEntity];

    [Theory]
    [MemberData(nameof(HostileEndpoint.Names), MemberType = typeof(HostileEndpoint))]
    public async Task DeeplyNestedJson_RefusedAndTheEndpointGoesOn(string name)
    {
        const int depth = 20_000;
        var bomb = "{\"text\":" + new string('[', depth) + new string(']', depth) + "}";

        await AssertRefusedThenServesAsync(name, await HostileEndpoint.All[name].BuildAsync(fixture, bomb));
    }

    [Theory]
    [MemberData(nameof(HostileEndpoint.Names), MemberType = typeof(HostileEndpoint))]
    public async Task InvalidUtf8_RefusedAndTheEndpointGoesOn(string name)
    {
        var endpoint = HostileEndpoint.All[name];
        var valid = Encoding.UTF8.GetBytes(endpoint.ValidBody);
        var cut = endpoint.ValidBody.LastIndexOf('"') - 1;
        byte[] body = [.. valid[..cut], 0xC3, 0x28, 0xFF, 0xFE, .. valid[cut..]];

        await AssertRefusedThenServesAsync(name, await endpoint.BuildAsync(fixture, body));
    }

    [Theory]
    [MemberData(nameof(HostileEndpoint.Names), MemberType = typeof(HostileEndpoint))]
    public async Task TruncatedJson_RefusedAndTheEndpointGoesOn(string name)
    {
        var endpoint = HostileEndpoint.All[name];

        await AssertRefusedThenServesAsync(name, await endpoint.BuildAsync(fixture, endpoint.ValidBody[..^7]));
    }

    [Theory]
    [MemberData(nameof(HostileEndpoint.Names), MemberType = typeof(HostileEndpoint))]
    public async Task WrongRootTypes_RefusedAndTheEndpointGoesOn(string name)
    {
        var endpoint = HostileEndpoint.All[name];
        foreach (var root in new[] { "[" + endpoint.ValidBody + "]", "\"What did Russia demand?\"", "42", "null", "true" })
        {
            await AssertRefusedThenServesAsync(name, await endpoint.BuildAsync(fixture, root));
        }
    }

    [Theory]
    [MemberData(nameof(HostileEndpoint.Names), MemberType = typeof(HostileEndpoint))]
    public async Task WrongFieldTypes_RefusedAndTheEndpointGoesOn(string name)
    {
        var endpoint = HostileEndpoint.All[name];
        foreach (var body in WrongFieldTypes(endpoint.ValidBody))
        {
            await AssertRefusedThenServesAsync(name, await endpoint.BuildAsync(fixture, body));
        }
    }

    [Theory]
    [MemberData(nameof(HostileEndpoint.Names), MemberType = typeof(HostileEndpoint))]
    public async Task OversizedBody_413AndTheEndpointGoesOn(string name)
    {
        var endpoint = HostileEndpoint.All[name];
        var padding = new string('x', 5 * 1024 * 1024);
        var body = endpoint.ValidBody[..^1] + ",\"padding\":\"" + padding + "\"}";

        var response = await SendAsync(await endpoint.BuildAsync(fixture, body));

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{name}: {(int)response.StatusCode} {await BodyAsync(response)}");
        await AssertServesAsync(name);
    }

    [Theory]
    [MemberData(nameof(HostileEndpoint.Names), MemberType = typeof(HostileEndpoint))]
    public async Task NotJson_RefusedAndTheEndpointGoesOn(string name)
    {
        var endpoint = HostileEndpoint.All[name];

        await AssertRefusedThenServesAsync(name, await endpoint.BuildAsync(fixture, "<activity><text>hi</text></activity>", "application/xml"));
    }

    [Theory]
    [MemberData(nameof(HostileEndpoint.Names), MemberType = typeof(HostileEndpoint))]
    public async Task ControlAndBidiCharacters_AnsweredOrRefusedCleanly(string name)
    {
        var endpoint = HostileEndpoint.All[name];
        var text = "\\u0000\\u0007\\u202Eaidemand Russia did What\\u202C\\uFEFF\\uD800 <script>alert(1)</script>";
        var body = endpoint.ValidBody.Replace("What did Russia demand?", text, StringComparison.Ordinal)
            .Replace("Vienna talks", text, StringComparison.Ordinal)
            .Replace("The grid operators", text, StringComparison.Ordinal);

        var response = await SendAsync(await endpoint.BuildAsync(fixture, body));

        Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode} {await BodyAsync(response)}");
        await AssertServesAsync(name);
    }

    [Theory]
    [InlineData("../../../../tmp/hostile-escape.txt")]
    [InlineData("..\\..\\..\\hostile-escape.txt")]
    [InlineData("/etc/hostile-escape.txt")]
    [InlineData("....//....//hostile-escape.txt")]
    public async Task Upload_PathTraversalName_StaysInsideTheMemory(string fileName)
    {
        var outside = Path.Combine(Path.GetTempPath(), "hostile-escape.txt");
        File.Delete(outside);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("Harbour pilots in Rotterdam resumed work after a one-day stoppage."));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", fileName);

        var response = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Post, "/api/documents", fixture.FullKey, form));

        var body = await BodyAsync(response);
        if (Refusals.Contains(response.StatusCode))
        {
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        var job = JsonDocument.Parse(body).RootElement.GetProperty("jobs")[0];
        var documentId = job.GetProperty("documentId").GetString()!;
        Assert.Matches(SafeId(), documentId);
        Assert.DoesNotContain("..", documentId, StringComparison.Ordinal);
        var finished = await WaitForJobAsync(job.GetProperty("statusUrl").GetString()!);
        Assert.Equal("succeeded", finished.GetProperty("state").GetString());
        Assert.False(File.Exists(outside), "the upload wrote outside the memory");
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(fixture.Host.DataFolder)!, "hostile-escape*"));
        var document = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Get, "/api/documents/" + documentId, fixture.FullKey));
        var stored = await BodyAsync(document);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.DoesNotContain("/tmp/", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("..", JsonDocument.Parse(stored).RootElement.GetProperty("source").GetString() ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("..\\..\\..\\hostile-page.html")]
    [InlineData("../../../hostile-page.html")]
    public async Task DirectLineUpload_PathTraversalName_KeptAsABareNameAndServedSandboxed(string fileName)
    {
        var (conversationId, token) = await fixture.PageConversationAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("<script>alert(document.cookie)</script>"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        form.Add(file, "file", fileName);
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/upload?userId=dl_hostile") { Content = form };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await fixture.Host.Http.SendAsync(upload, TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await BodyAsync(response)}");
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities");
        read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var activities = JsonDocument.Parse(await BodyAsync(await fixture.Host.Http.SendAsync(read, TestContext.Current.CancellationToken))).RootElement;
        var attachment = activities.GetProperty("activities").EnumerateArray()
            .Where(a => a.TryGetProperty("attachments", out _))
            .SelectMany(a => a.GetProperty("attachments").EnumerateArray())
            .Single();
        Assert.Equal("hostile-page.html", attachment.GetProperty("name").GetString());
        var served = await fixture.Host.Http.GetAsync(attachment.GetProperty("contentUrl").GetString(), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ZipBomb_FailsWithAReasonAndStoresNothing()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(ZipBombs.Docx());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        form.Add(file, "file", "hostile-bomb.docx");

        var response = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Post, "/api/documents", fixture.FullKey, form));

        var body = await BodyAsync(response);
        if (!Refusals.Contains(response.StatusCode))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
            var job = JsonDocument.Parse(body).RootElement.GetProperty("jobs")[0];
            var finished = await WaitForJobAsync(job.GetProperty("statusUrl").GetString()!);
            Assert.Equal("failed", finished.GetProperty("state").GetString());
            Assert.False(string.IsNullOrWhiteSpace(finished.GetProperty("error").GetString()));
        }

        var document = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Get, "/api/documents/hostile-bomb", fixture.FullKey));
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        await AssertServesAsync("documents");
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%00")]
    [InlineData("%E2%80%AE")]
    [InlineData("a%0D%0AX-Injected:%201")]
    public async Task DocumentIds_Hostile_NotFoundOrRefused_NeverAServerError(string id)
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            var response = await fixture.SendAsync(HostileFixture.Staff(method, "/api/documents/" + id, fixture.FullKey));

            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{method} {id}: {(int)response.StatusCode}");
            Assert.False(response.Headers.Contains("X-Injected"));
        }
    }

    [Theory]
    [InlineData("limit=-1")]
    [InlineData("limit=99999999999999999999")]
    [InlineData("cursor=%00%00")]
    [InlineData("tag=desk")]
    [InlineData("tag=:::")]
    public async Task DocumentList_HostileQuery_Refused(string query)
    {
        var response = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Get, "/api/documents?" + query, fixture.FullKey));

        Assert.True(Refusals.Contains(response.StatusCode), $"{query}: {(int)response.StatusCode} {await BodyAsync(response)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ScopedKey_CannotSeeChangeOrBriefOutsideItsScope()
    {
        var europe = fixture.EuropeKey;

        var get = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Get, "/api/documents/" + HostileFixture.AsiaDocument, europe));
        var delete = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Delete, "/api/documents/" + HostileFixture.AsiaDocument, europe));
        var list = await BodyAsync(await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Get, "/api/documents?limit=100", europe)));
        var search = await BodyAsync(await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Post, "/api/search", europe, JsonBody("""{"query":"dock workers strike Busan port"}"""))));
        var searchAsia = await BodyAsync(await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Post, "/api/search", europe, JsonBody("""{"query":"dock workers strike Busan port","tags":{"desk":["asia"]}}"""))));
        var ask = await BodyAsync(await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Post, "/api/ask", europe, JsonBody("""{"question":"Why did dock workers strike in Busan?"}"""))));
        var brief = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Post, "/api/briefings", europe, JsonBody($$"""{"documentIds":["{{HostileFixture.AsiaDocument}}"]}""")));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Contains(HostileFixture.EuropeDocument, list, StringComparison.Ordinal);
        foreach (var seen in new[] { list, search, searchAsia, ask })
        {
            Assert.DoesNotContain(HostileFixture.AsiaDocument, seen, StringComparison.Ordinal);
            Assert.DoesNotContain("Dock workers at the port", seen, StringComparison.Ordinal);
        }

        Assert.True(brief.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"briefing: {(int)brief.StatusCode}");
        var stillThere = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Get, "/api/documents/" + HostileFixture.AsiaDocument, fixture.AsiaKey));
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Theory]
    [InlineData("hostile-asia-only", "[\"asia\"]")]
    [InlineData("hostile-both-desks", "[\"europe\",\"asia\"]")]
    public async Task ScopedKey_UploadTaggedOutsideItsScope_ForbiddenAndNothingStored(string id, string desks)
    {
        var response = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Post, "/api/documents", fixture.EuropeKey,
            JsonBody($$$"""{"documents":[{"id":"{{{id}}}","title":"Asia","text":"Typhoon warnings closed schools in Okinawa.","tags":{"desk":{{{desks}}}}}]}""")));

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("asia", problem.GetRawText(), StringComparison.Ordinal);
        foreach (var key in new[] { fixture.FullKey, fixture.AsiaKey })
        {
            var stored = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Get, "/api/documents/" + id, key));
            Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
        }
    }

    [Theory]
    [InlineData("/api/ask", "question")]
    [InlineData("/api/search", "query")]
    public async Task Question_OverTheLengthLimit_RefusedSayingTheLimit(string path, string field)
    {
        var words = string.Join(' ', Enumerable.Range(0, 6_000).Select(i => "w" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));

        var response = await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Post, path, fixture.FullKey,
            JsonBody(JsonSerializer.Serialize(new Dictionary<string, string> { [field] = words }))));

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("2,000", problem.GetRawText(), StringComparison.Ordinal);
        await AssertServesAsync(path == "/api/ask" ? "ask" : "search");
    }

    [Fact]
    public async Task DirectLineToken_CannotReachAnotherConversation()
    {
        var (own, token) = await fixture.PageConversationAsync();
        var (other, _) = await fixture.SiteConversationAsync();

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/v3/directline/conversations/{other}/activities"),
            (HttpMethod.Post, $"/v3/directline/conversations/{other}/activities"),
            (HttpMethod.Get, $"/v3/directline/conversations/{other}"),
        })
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (method == HttpMethod.Post)
            {
                request.Content = JsonBody("""{"type":"message","from":{"id":"dl_intruder"},"text":"hello"}""");
            }

            var response = await fixture.Host.Http.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized,
                $"{method} {path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("activities\":[{", await BodyAsync(response), StringComparison.Ordinal);
        }

        Assert.NotEqual(own, other);
    }

    [Fact]
    public async Task SiteSecret_CannotReachAConversationTheBotsOwnPageStarted()
    {
        var (pageConversation, _) = await fixture.PageConversationAsync();

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/v3/directline/conversations/{pageConversation}/activities"),
            (HttpMethod.Post, $"/v3/directline/conversations/{pageConversation}/activities"),
            (HttpMethod.Get, $"/v3/directline/conversations/{pageConversation}"),
        })
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.SiteSecret);
            if (method == HttpMethod.Post)
            {
                request.Content = JsonBody("""{"type":"message","from":{"id":"dl_partner"},"text":"hello"}""");
            }

            var response = await fixture.Host.Http.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                $"{method} {path}: {(int)response.StatusCode} {Shorten(await BodyAsync(response))}");
        }
    }

    /// <summary>The valid body with each top-level field's value replaced by values of every other JSON kind.</summary>
    private static IEnumerable<string> WrongFieldTypes(string validBody)
    {
        var wrongs = new (JsonValueKind Kind, string Json)[]
        {
            (JsonValueKind.Object, "{\"$gt\":\"\"}"),
            (JsonValueKind.Array, "[[[1]]]"),
            (JsonValueKind.Number, "1e999999"),
            (JsonValueKind.String, "\"[object Object]\""),
        };
        foreach (var property in JsonDocument.Parse(validBody).RootElement.EnumerateObject())
        {
            foreach (var (kind, json) in wrongs.Where(w => w.Kind != property.Value.ValueKind))
            {
                yield return validBody.Replace($"\"{property.Name}\":{property.Value.GetRawText()}", $"\"{property.Name}\":{json}", StringComparison.Ordinal);
            }
        }
    }

    private async Task AssertRefusedThenServesAsync(string name, HttpRequestMessage request)
    {
        var response = await SendAsync(request);
        var body = await BodyAsync(response);

        Assert.True(Refusals.Contains(response.StatusCode), $"{name}: expected a 4xx refusal, got {(int)response.StatusCode}: {Shorten(body)}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        if (HostileEndpoint.All[name].AnswersWithProblems)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await AssertServesAsync(name);
    }

    private async Task AssertServesAsync(string name)
    {
        var endpoint = HostileEndpoint.All[name];
        var response = await SendAsync(await endpoint.BuildAsync(fixture, endpoint.ValidBody));
        Assert.True(response.IsSuccessStatusCode, $"{name} after the hostile request: {(int)response.StatusCode} {Shorten(await BodyAsync(response))}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await fixture.SendAsync(request);

    private async Task<JsonElement> WaitForJobAsync(string statusUrl)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var body = await BodyAsync(await fixture.SendAsync(HostileFixture.Staff(HttpMethod.Get, statusUrl, fixture.FullKey)));
            var job = JsonDocument.Parse(body).RootElement;
            if (job.GetProperty("state").GetString() is "succeeded" or "failed")
            {
                return job;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("The job did not finish: " + statusUrl);
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> BodyAsync(HttpResponseMessage response) =>
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    private static string Shorten(string body) => body.Length <= 400 ? body : body[..400] + "…";

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeId();
}
