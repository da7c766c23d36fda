using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.Bot.Tests.Support;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>Entra ID bearer tokens from a local issuer on loopback: signature, issuer, audience, lifetime and app roles.</summary>
public sealed class EntraTokenTests(EntraApiFixture api) : IClassFixture<EntraApiFixture>
{
    private const string Audience = EntraApiFixture.Audience;

    private static string Issuer => EntraApiFixture.IssuerName;

    private LocalIssuer Local => api.Issuer;

    private TestBotHost Host => api.Host;

    [Fact]
    public async Task Ask_ReaderRole_Answers()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/ask", Token(["Briefing.Read"]), new { question = "What did Russia demand?" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.NotEqual(0, answer.GetProperty("citations").GetArrayLength());
    }

    [Fact]
    public async Task Ask_WrongAudience_Unauthorized()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/ask", Local.EntraAccessToken(Issuer, "api://someone-else", ["Briefing.Read"]), new { question = "What did Russia demand?" });

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("audience", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Ask_Expired_Unauthorized()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/ask",
            Local.EntraAccessToken(Issuer, Audience, ["Briefing.Read"], expires: DateTime.UtcNow.AddMinutes(-30)), new { question = "What did Russia demand?" });

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Ask_OtherTenantsIssuer_Unauthorized()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/ask",
            Local.EntraAccessToken("https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0", Audience, ["Briefing.Read"]), new { question = "What did Russia demand?" });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ask_SignedWithUnpublishedKey_Unauthorized()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/ask",
            Local.EntraAccessToken(Issuer, Audience, ["Briefing.Read"], key: Local.UnpublishedKey), new { question = "What did Russia demand?" });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ask_NoAppRole_Forbidden()
    {
        using var response = await SendAsync(HttpMethod.Post, "api/ask", Token(["Something.Else"]), new { question = "What did Russia demand?" });

        await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Upload_ReaderRoleOnly_ForbiddenWhileWriterRoleCreates()
    {
        var body = new { documents = new[] { new { id = "entra-upload", text = "The city library will open on Sundays from September, the council said." } } };

        using var reader = await SendAsync(HttpMethod.Post, "api/documents", Token(["Briefing.Read"]), body);
        using var writer = await SendAsync(HttpMethod.Post, "api/documents", Token(["Documents.Write"]), body);

        await ProblemAssertions.AssertProblemAsync(reader, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, writer.StatusCode);
    }

    [Fact]
    public async Task List_ScopedRole_OnlyItsDesk()
    {
        using (var upload = await SendAsync(HttpMethod.Post, "api/documents", Token(["Documents.Write"]), new
        {
            documents = new[]
            {
                new { id = "entra-eu", text = "Brussels approved the new rail corridor to Vienna.", tags = new Dictionary<string, string[]> { ["desk"] = ["europe"] } },
                new { id = "entra-us", text = "Ohio approved a new rail line to Columbus.", tags = new Dictionary<string, string[]> { ["desk"] = ["americas"] } },
            },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using var scoped = await SendAsync(HttpMethod.Get, "api/documents", Token(["Briefing.Read", "Europe.Desk"]));
        using var full = await SendAsync(HttpMethod.Get, "api/documents", Token(["Briefing.Read"]));

        var scopedIds = await IdsAsync(scoped);
        var fullIds = await IdsAsync(full);
        Assert.Equal(["entra-eu"], scopedIds);
        Assert.Contains("entra-us", fullIds);
    }

    private string Token(IEnumerable<string> roles) => Local.EntraAccessToken(Issuer, Audience, roles);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? json = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = json is null ? null : JsonContent.Create(json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> IdsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return page.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();
    }
}
