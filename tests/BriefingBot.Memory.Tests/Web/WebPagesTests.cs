using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Ingestion.Extraction;
using BriefingBot.Memory.Tests.Support;
using BriefingBot.Memory.Web;

namespace BriefingBot.Memory.Tests.Web;

/// <summary>Articles by address, read from a loopback site into a real memory: identity, metadata, versions, refusals.</summary>
public sealed class WebPagesTests : IAsyncLifetime
{
    private readonly LoopbackSite _site = new();
    private readonly WebFetcher _fetcher = new(new FetchOptions { AllowPrivateNetworks = true });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TextExtraction Extraction => new(DefaultExtractors.Create(), 10 * 1024 * 1024);

    private string Article(string body, string canonicalPath = "/2026/12/ferry-strike", string modified = "2026-12-02T09:30:00Z") =>
        $$$"""
        <!doctype html><html><head>
        <title>Ferry crews strike over rosters | Harbour Herald</title>
        <link rel="canonical" href="http://127.0.0.1:{{{_site.Port}}}{{{canonicalPath}}}">
        <meta property="og:site_name" content="Harbour Herald">
        <meta property="article:published_time" content="2026-12-02T07:15:00Z">
        <meta property="article:modified_time" content="{{{modified}}}">
        <meta name="author" content="Mara Lindqvist">
        <script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Mara Lindqvist"},{"@type":"Person","name":"Tomas Berg"}],"publisher":{"name":"Harbour Herald Ltd"}}</script>
        </head><body><nav><a href="/">Home</a></nav>
        <article><h1>Ferry crews strike over rosters</h1>{{{body}}}</article>
        <footer>© Harbour Herald</footer></body></html>
        """;

    [Fact]
    public async Task Page_BecomesADocumentNamedByItsCanonicalAddress_WithItsMetadata()
    {
        _site.Map("/2026/12/ferry-strike", SiteResponse.Html(Article("<p>Ferry crews on the island routes stopped work at dawn on Wednesday.</p><p>The union said rosters had been changed without notice.</p>")));
        _site.Map("/amp/ferry-strike", SiteResponse.Html(Article("<p>Ferry crews on the island routes stopped work at dawn on Wednesday.</p><p>The union said rosters had been changed without notice.</p>")));
        using var test = await TestMemory.CreateAsync();
        var pages = new WebPages(_fetcher, Extraction);

        var read = await pages.ReadAsync(_site.Url("/amp/ferry-strike?utm_source=feed"), new TagSet().Add("desk", "transport"), Ct);
        var again = await pages.ReadAsync(_site.Url("/2026/12/ferry-strike"), TagSet.Empty, Ct);

        Assert.Null(read.Error);
        var request = read.Page!.Request;
        Assert.Equal($"http://127.0.0.1:{_site.Port}/2026/12/ferry-strike", request.Source);
        Assert.Equal(again.Page!.Request.DocumentId, request.DocumentId);
        Assert.StartsWith("127.0.0.1-2026-12-ferry-strike-", request.DocumentId, StringComparison.Ordinal);
        Assert.Equal("Ferry crews strike over rosters", request.Title);
        Assert.Equal(DateTimeOffset.Parse("2026-12-02T07:15:00Z", System.Globalization.CultureInfo.InvariantCulture), request.Published);
        Assert.Equal(["Mara Lindqvist", "Tomas Berg"], read.Page.Metadata.Authors);
        Assert.Equal("Harbour Herald", read.Page.Metadata.SiteName);
        Assert.Equal(DateTimeOffset.Parse("2026-12-02T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture), read.Page.Metadata.Modified);
        var tags = request.Tags.ToDictionary();
        Assert.Equal(["Harbour Herald"], tags[WebPages.OutletTag]);
        Assert.Equal(["transport"], tags["desk"]);
        Assert.DoesNotContain("Home", request.Text, StringComparison.Ordinal);

        var first = await test.Memory.IngestAsync(request, Ct);
        var second = await test.Memory.IngestAsync(again.Page.Request with { Tags = request.Tags }, Ct);
        Assert.Equal(IngestOutcome.Created, first.Outcome);
        Assert.Equal(IngestOutcome.Unchanged, second.Outcome);
        var hits = await test.Memory.SearchAsync(new Retrieval.SearchRequest { Query = "Why did the ferry crews strike?", Limit = 3 }, Ct);
        Assert.Equal(request.DocumentId, hits.Hits[0].Document.Id);
        Assert.Equal(request.Source, hits.Hits[0].Document.Source);
    }

    [Fact]
    public async Task UpdatedArticle_ReplacesItsOldVersion()
    {
        var body = "<p>Ferry crews on the island routes stopped work at dawn on Wednesday.</p>";
        _site.Map("/2026/12/ferry-strike", _ => SiteResponse.Html(Article(body)));
        using var test = await TestMemory.CreateAsync();
        var pages = new WebPages(_fetcher, Extraction);

        var first = await test.Memory.IngestAsync((await pages.ReadAsync(_site.Url("/2026/12/ferry-strike"), TagSet.Empty, Ct)).Page!.Request, Ct);
        body += "<p>Talks with the operator will resume on Friday, the union said.</p>";
        var second = await test.Memory.IngestAsync((await pages.ReadAsync(_site.Url("/2026/12/ferry-strike"), TagSet.Empty, Ct)).Page!.Request, Ct);

        Assert.Equal(IngestOutcome.Created, first.Outcome);
        Assert.Equal(IngestOutcome.Replaced, second.Outcome);
        Assert.Equal(first.DocumentId, second.DocumentId);
        Assert.Single(await test.Memory.ListAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task CanonicalAddressOnAnotherSite_IsNotBelieved()
    {
        _site.Map("/copied", SiteResponse.Html(Article("<p>Ferry crews on the island routes stopped work at dawn on Wednesday.</p>").Replace($"http://127.0.0.1:{_site.Port}/2026/12/ferry-strike", "https://other-outlet.example/ferry", StringComparison.Ordinal)));
        var pages = new WebPages(_fetcher, Extraction);

        var read = await pages.ReadAsync(_site.Url("/copied"), TagSet.Empty, Ct);

        Assert.Equal(_site.Url("/copied").AbsoluteUri, read.Page!.Request.Source);
    }

    [Fact]
    public async Task NotAnHtmlPage_EmptyPage_OrAFailedFetch_GiveAReasonAndNoRequest()
    {
        _site.Map("/report.pdf", new SiteResponse { ContentType = "application/pdf", Body = "%PDF-1.7"u8.ToArray() });
        _site.Map("/empty", SiteResponse.Html("<html><body><nav><a href=\"/\">Home</a></nav></body></html>"));
        var pages = new WebPages(_fetcher, Extraction);

        var pdf = await pages.ReadAsync(_site.Url("/report.pdf"), TagSet.Empty, Ct);
        var empty = await pages.ReadAsync(_site.Url("/empty"), TagSet.Empty, Ct);
        var missing = await pages.ReadAsync(_site.Url("/gone"), TagSet.Empty, Ct);

        Assert.Null(pdf.Page);
        Assert.Contains("application/pdf, not an HTML page", pdf.Error, StringComparison.Ordinal);
        Assert.Null(empty.Page);
        Assert.Contains("no article text", empty.Error, StringComparison.Ordinal);
        Assert.Null(missing.Page);
        Assert.Contains("404", missing.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://www.news.example/2026/talks-resume?p=2#top", "news.example-2026-talks-resume-p-2-")]
    [InlineData("https://news.example/", "news.example-")]
    public void DocumentId_FromUrl_ReadableStableAndValid(string url, string prefix)
    {
        var id = DocumentId.FromUrl(new Uri(url));

        Assert.StartsWith(prefix, id, StringComparison.Ordinal);
        Assert.True(DocumentId.IsValid(id), id);
        Assert.Equal(id, DocumentId.FromUrl(new Uri(url)));
        Assert.NotEqual(id, DocumentId.FromUrl(new Uri(url.Split('#')[0] + "other")));
        Assert.True(DocumentId.IsValid(DocumentId.FromUrl(new Uri("https://news.example/" + new string('a', 500)))));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _fetcher.Dispose();
        await _site.DisposeAsync();
    }
}
