using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Ingestion.Extraction;

namespace BriefingBot.Memory.Web;

/// <summary>
/// A news article by its address: fetched with the <see cref="WebFetcher"/>, its body and metadata read by the
/// <see cref="HtmlExtractor"/>, and made into an ingest request whose identity is the page's canonical address (the
/// same article fetched again, under any of its addresses, is the same document: unchanged, or a new version).
/// </summary>
public sealed class WebPages(WebFetcher fetcher, TextExtraction extraction)
{
    /// <summary>The tag that names the outlet (the page's site name, else its host) unless the caller gave one.</summary>
    public const string OutletTag = "outlet";

    private static readonly HashSet<string> HtmlTypes = new(StringComparer.OrdinalIgnoreCase) { "text/html", "application/xhtml+xml" };

    /// <summary>The page as an ingest request, or why it could not be read (nothing is ingested then).</summary>
    public async Task<WebPageRead> ReadAsync(Uri url, TagSet tags, CancellationToken cancellationToken = default)
    {
        var fetched = await fetcher.FetchAsync(url, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!fetched.Succeeded)
        {
            return new WebPageRead(null, fetched, $"{url}: {fetched.Error ?? fetched.Status.ToString()}");
        }

        if (fetched.MediaType is not { } type || !HtmlTypes.Contains(type))
        {
            return new WebPageRead(null, fetched, $"{url}: the address gives {fetched.MediaType ?? "no content type"}, not an HTML page");
        }

        ExtractedText page;
        try
        {
            page = await extraction.ExtractAsync(fetched.Content, PageName(fetched.Url), cancellationToken).ConfigureAwait(false);
        }
        catch (ExtractionException e)
        {
            return new WebPageRead(null, fetched, $"{url}: {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(page.Text))
        {
            return new WebPageRead(null, fetched, $"{url}: the page holds no article text");
        }

        var address = page.CanonicalUrl is { } canonical && SameSite(new Uri(canonical), fetched.Url) ? new Uri(canonical) : fetched.Url;
        var outlet = page.SiteName ?? (fetched.Url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? fetched.Url.Host[4..] : fetched.Url.Host);
        var request = new IngestRequest
        {
            DocumentId = DocumentId.FromUrl(address),
            Source = address.AbsoluteUri,
            Title = page.Title,
            Published = page.Published ?? page.Modified,
            Text = page.Title is { Length: > 0 } title && !page.Text.StartsWith(title, StringComparison.Ordinal) ? title + "\n\n" + page.Text : page.Text,
            Tags = WithOutlet(tags, outlet),
        };
        return new WebPageRead(new WebPage(request, page), fetched, null);
    }

    /// <summary>A file name for the extractor and its messages: the last path segment, always ending in .html.</summary>
    private static string PageName(Uri url)
    {
        var last = url.Segments.LastOrDefault()?.Trim('/') is { Length: > 0 } segment ? Uri.UnescapeDataString(segment) : url.Host;
        return Path.GetFileNameWithoutExtension(last.Replace('\\', '_')) + ".html";
    }

    private static TagSet WithOutlet(TagSet tags, string outlet)
    {
        var copy = TagSet.From(tags.Pairs);
        return tags.ToDictionary().ContainsKey(OutletTag) ? copy : copy.Add(OutletTag, outlet.Length > 100 ? outlet[..100] : outlet);
    }

    /// <summary>
    /// A canonical address is believed only on the page's own site (the same registrable host, www. aside): a page
    /// cannot claim another outlet's identity and so replace its article.
    /// </summary>
    private static bool SameSite(Uri canonical, Uri fetched) =>
        string.Equals(Bare(canonical.Host), Bare(fetched.Host), StringComparison.OrdinalIgnoreCase);

    private static string Bare(string host) => host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}

/// <summary>A page read for ingestion: the request, and the metadata the page gave.</summary>
public sealed record WebPage(IngestRequest Request, ExtractedText Metadata);

/// <summary>The outcome of reading a page: <see cref="Page"/>, or <see cref="Error"/> saying why not.</summary>
public sealed record WebPageRead(WebPage? Page, FetchResult Fetch, string? Error);
