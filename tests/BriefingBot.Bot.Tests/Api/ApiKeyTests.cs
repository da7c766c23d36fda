using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BriefingBot.Bot.Tests.Api;

[Collection(StaffApiCollection.Name)]
public sealed class ApiKeyTests(StaffApiFixture api)
{
    private static readonly object Question = new { question = "What did the regulator warn about gas storage?" };

    [Fact]
    public async Task Ask_KeyInHeader_Answers()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/ask", api.FullKey, Question);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(answer.GetProperty("noResult").GetBoolean());
        Assert.Contains(answer.GetProperty("citations").EnumerateArray(), c => c.GetProperty("documentId").GetString() == StaffApiFixture.EuropeDocument);
    }

    [Fact]
    public async Task Ask_KeyAsBearerToken_Answers()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/ask", api.FullKey, Question, bearer: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ask_HashConfiguredInUpperCase_Accepted()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/ask", api.ReaderKey, Question);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ask_NoKey_Unauthorized()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/ask", null, Question);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ask_UnknownKey_Unauthorized(bool bearer)
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/ask", api.FullKey + "x", Question, bearer);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("The API key is not valid.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Ask_RevokedKey_UnauthorizedSayingRevoked()
    {
        using var response = await api.SendAsync(HttpMethod.Post, "api/ask", api.RevokedKey, Question);

        var problem = await ProblemAssertions.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UploadAndDelete_ReadOnlyKey_Forbidden()
    {
        using var upload = await api.SendAsync(HttpMethod.Post, "api/documents", api.ReaderKey, new { documents = new[] { new { id = "reader-upload", text = "A text the reader may not store." } } });
        using var delete = await api.SendAsync(HttpMethod.Delete, $"api/documents/{StaffApiFixture.AsiaDocument}", api.ReaderKey);
        using var get = await api.SendAsync(HttpMethod.Get, $"api/documents/{StaffApiFixture.AsiaDocument}", api.ReaderKey);

        await ProblemAssertions.AssertProblemAsync(upload, HttpStatusCode.Forbidden);
        await ProblemAssertions.AssertProblemAsync(delete, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        using var missing = await api.SendAsync(HttpMethod.Get, "api/documents/reader-upload", api.FullKey);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
