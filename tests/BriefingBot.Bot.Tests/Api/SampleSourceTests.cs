using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>The sample briefing loaded into an empty memory names its title as its source, never the server's file path.</summary>
[Collection(StaffApiCollection.Name)]
public sealed class SampleSourceTests(StaffApiFixture api)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SampleDocument_ListedAndCited_WithItsTitleAsSource_NotAServerPath()
    {
        using var list = await api.SendAsync(HttpMethod.Get, "api/documents?tag=collection:sample", api.FullKey);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var samples = (await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("documents").EnumerateArray().ToList();
        using var asked = await api.SendAsync(HttpMethod.Post, "api/ask", api.FullKey, new { question = "What security guarantees does Russia want in Europe?" });
        var citations = (await asked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("citations").EnumerateArray()
            .Where(c => samples.Any(s => s.GetProperty("id").GetString() == c.GetProperty("documentId").GetString()))
            .ToList();

        Assert.NotEmpty(samples);
        Assert.NotEmpty(citations);
        foreach (var source in samples.Select(s => s.GetProperty("source").GetString()).Concat(citations.Select(c => c.GetProperty("source").GetString())))
        {
            AssertNotAPath(source);
        }

        Assert.All(samples, s => Assert.Equal(s.GetProperty("title").GetString(), s.GetProperty("source").GetString()));
    }

    private static void AssertNotAPath(string? source)
    {
        Assert.False(string.IsNullOrEmpty(source));
        Assert.False(Path.IsPathRooted(source), $"'{source}' is a file path");
        Assert.DoesNotContain(AppContext.BaseDirectory.TrimEnd('/'), source, StringComparison.Ordinal);
        Assert.DoesNotContain("samples/", source, StringComparison.Ordinal);
    }
}
