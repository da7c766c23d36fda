using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BriefingBot.Bot.Tests.Api;

[Collection(StaffApiCollection.Name)]
public sealed class OpenApiDocumentTests(StaffApiFixture api)
{
    [Fact]
    public async Task OpenApi_Served_DescribesEndpointsBodiesAndSecurity()
    {
        using var response = await api.Host.Http.GetAsync("openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/ask", "/api/search", "/api/documents", "/api/documents/{id}", "/api/jobs", "/api/jobs/{id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing");
        }

        var ask = paths.GetProperty("/api/ask").GetProperty("post");
        Assert.True(ask.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.Contains(ask.GetProperty("security").EnumerateArray(), s => s.TryGetProperty("ApiKey", out _));
        Assert.True(ask.GetProperty("responses").TryGetProperty("401", out _));
        var upload = paths.GetProperty("/api/documents").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(upload.TryGetProperty("multipart/form-data", out _));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("AskBody", out _));
    }
}
