using System.Text.Json;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Cli.Tests;

/// <summary><c>ingest https://…</c> through the real executable against a site on loopback that the test writes.</summary>
public sealed class IngestAddressTests
{
    private static readonly Dictionary<string, string> PrivateAllowed = new() { ["Feeds__AllowPrivateNetworks"] = "true" };

    private static string Page(int port) =>
        $"""
        <!doctype html><html><head><title>Ferry crews strike | Harbour Herald</title>
        <link rel="canonical" href="http://127.0.0.1:{port}/2026/12/ferry-strike">
        <meta property="og:site_name" content="Harbour Herald">
        <meta property="article:published_time" content="2026-12-02T07:15:00Z"></head>
        <body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article><h1>Ferry crews strike over rosters</h1>
        <p>Ferry crews on the island routes stopped work at dawn on Wednesday, leaving hundreds of passengers stranded.</p>
        <p>The union said the operator had changed the rosters without notice and refused to discuss them.</p></article>
        <footer>© Harbour Herald</footer></body></html>
        """;

    [Fact]
    public async Task Address_IngestedAsItsArticle_SearchCitesTheCanonicalAddress_FailingOnesReported_OthersGoOn()
    {
        await using var site = new LoopbackSite();
        site.Map("/2026/12/ferry-strike", SiteResponse.Html(Page(site.Port)));
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        var note = folder.File("note.txt", "The harbour master said the ferry timetable would be restored on Friday.");

        var ingest = await BotProcess.RunAsync(PrivateAllowed, "ingest", site.Url("/2026/12/ferry-strike?utm_source=rss").AbsoluteUri, site.Url("/missing").AbsoluteUri, note, "--data", data, "--tag", "desk=transport");
        var ask = await BotProcess.RunAsync("ask", "Why did the ferry crews strike?", "--data", data, "--json");

        Assert.Equal(1, ingest.ExitCode);
        Assert.Contains("404", ingest.Errors, StringComparison.Ordinal);
        Assert.Contains("2 created", ingest.Errors, StringComparison.Ordinal);
        var answer = JsonDocument.Parse(ask.Output).RootElement;
        Assert.False(answer.GetProperty("noResult").GetBoolean());
        var citation = answer.GetProperty("citations")[0];
        Assert.Equal($"http://127.0.0.1:{site.Port}/2026/12/ferry-strike", citation.GetProperty("source").GetString());
        Assert.Equal("Ferry crews strike over rosters", citation.GetProperty("title").GetString());
        Assert.Contains("rosters", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("BriefingBot/", site.RequestsFor("/2026/12/ferry-strike")[0].Headers["user-agent"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivateAddress_RefusedUnlessAllowed_NothingStored()
    {
        await using var site = new LoopbackSite();
        site.Map("/2026/12/ferry-strike", SiteResponse.Html(Page(site.Port)));
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");

        var ingest = await BotProcess.RunAsync("ingest", site.Url("/2026/12/ferry-strike").AbsoluteUri, "--data", data);
        var list = await BotProcess.RunAsync("list", "--data", data, "--json");

        Assert.Equal(1, ingest.ExitCode);
        Assert.Contains("Feeds:AllowPrivateNetworks", ingest.Errors, StringComparison.Ordinal);
        Assert.Empty(site.Requests);
        Assert.Equal(0, JsonDocument.Parse(list.Output).RootElement.GetProperty("documents").GetArrayLength());
    }
}
