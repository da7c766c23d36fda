using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>
/// HTML pages: only the article body is kept. Scripts, navigation, forms, cookie banners, share bars, comment
/// sections and similar boilerplate are removed; the content root is the main <c>&lt;article&gt;</c>, else
/// <c>&lt;main&gt;</c>, else the element with the densest paragraph text.
/// </summary>
public sealed partial class HtmlExtractor : ITextExtractor
{
    public const int DefaultMaxElements = 200_000;
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    private const int MaxDepth = 400;

    private static readonly HashSet<string> JunkTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "nav", "aside", "form", "button", "input", "select",
        "textarea", "label", "dialog", "object", "embed", "canvas", "audio", "video", "map", "footer", "menu",
    };

    private static readonly HashSet<string> JunkRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar", "form",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl",
        "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "figure",
        "figcaption", "address", "hr", "details", "summary", "center", "body",
    };

    private static readonly string BlockSelector = string.Join(",", BlockTags.Where(tag => tag is not ("td" or "th" or "body")));

    private static readonly HashSet<string> ProtectedTags = new(StringComparer.OrdinalIgnoreCase) { "html", "body", "article", "main" };

    public HtmlExtractor(long maxBytes = DefaultMaxBytes, int maxElements = DefaultMaxElements)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxElements, 1);
        MaxBytes = maxBytes;
        MaxElements = maxElements;
    }

    /// <summary>The largest page accepted, in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>The most elements a page may parse into; more is refused before any analysis.</summary>
    public int MaxElements { get; }

    public IReadOnlyCollection<string> Extensions { get; } = [".html", ".htm"];

    public ExtractedText Extract(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        if (content.Length > MaxBytes)
        {
            throw new ExtractionException($"{fileName}: {content.Length:N0} bytes of HTML is over the limit of {MaxBytes:N0} (Memory:Ingestion:MaxHtmlBytes).");
        }

        var html = Decode(content.Span, fileName);
        cancellationToken.ThrowIfCancellationRequested();

        var document = Parse(html, fileName, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        var ogTitle = MetaContent(document, "og:title");
        var metaPublished = ParseDate(MetaContent(document, "article:published_time"));
        var jsonLd = JsonLdRoots(document);
        var jsonLdPublished = JsonLdDate(jsonLd, "datePublished");
        var metaDate = ParseDate(
            MetaContent(document, "date") ?? MetaContent(document, "dc.date") ?? MetaContent(document, "dc.date.issued")
            ?? MetaContent(document, "pubdate") ?? MetaContent(document, "publish-date") ?? MetaContent(document, "datePublished"));
        var documentTitle = Collapse(document.Title ?? "");
        var canonical = CanonicalUrl(document);
        var authors = Authors(document, jsonLd);

        RemoveJunk(document);
        cancellationToken.ThrowIfCancellationRequested();

        var body = document.Body ?? document.DocumentElement;
        var root = ChooseRoot(body);
        RemoveBoilerplate(root);
        cancellationToken.ThrowIfCancellationRequested();

        var paragraphs = new ParagraphWriter(cancellationToken);
        paragraphs.Walk(root, depth: 0);
        paragraphs.Flush();

        var firstH1 = root.QuerySelector("h1") is { } h1 ? Collapse(h1.TextContent) : "";
        var title = !string.IsNullOrWhiteSpace(ogTitle) ? Collapse(ogTitle)
            : firstH1.Length > 0 ? firstH1
            : documentTitle.Length > 0 ? documentTitle
            : null;

        var published = metaPublished
            ?? TimeElementDate(root)
            ?? TimeElementDate(document.DocumentElement)
            ?? jsonLdPublished
            ?? metaDate;

        return new ExtractedText
        {
            Text = string.Join("\n\n", paragraphs.Paragraphs),
            Title = title,
            Published = published,
            Modified = ParseDate(MetaContent(document, "article:modified_time") ?? MetaContent(document, "og:updated_time")) ?? JsonLdDate(jsonLd, "dateModified"),
            CanonicalUrl = canonical,
            Authors = authors,
            SiteName = MetaContent(document, "og:site_name") is { } site ? Collapse(site)
                : JsonLdNames(FindJsonLd(jsonLd, "publisher")).FirstOrDefault() is { } publisher ? Collapse(publisher) : null,
            ContentType = "text/html",
        };
    }

    /// <summary>Parses with the element limit counted as elements are created, so an oversized page stops early.</summary>
    private IDocument Parse(string html, string fileName, CancellationToken cancellationToken)
    {
        var created = 0;
        var options = new HtmlParserOptions
        {
            OnCreated = (_, _) =>
            {
                if (++created > MaxElements)
                {
                    throw new ExtractionException(
                        $"{fileName}: refused, the page has over {MaxElements:N0} elements (Memory:Ingestion:MaxHtmlElements).");
                }

                if (created % 256 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            },
        };
        return new HtmlParser(options).ParseDocument(html);
    }

    /// <summary>A byte-order mark wins, then a declared <c>&lt;meta charset&gt;</c>; otherwise UTF-8 with a fallback.</summary>
    internal static string Decode(ReadOnlySpan<byte> bytes, string fileName)
    {
        var hasBom = bytes.StartsWith(Encoding.UTF8.Preamble) || bytes.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.StartsWith(new byte[] { 0xFE, 0xFF });
        if (!hasBom)
        {
            var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
            var declared = MetaCharset().Match(head);
            if (declared.Success && ResolveEncoding(declared.Groups["charset"].Value) is { } encoding)
            {
                return encoding.GetString(bytes);
            }
        }

        return TextDecoding.Decode(bytes, fileName);
    }

    /// <summary>A legacy encoding for a declared charset label; null for UTF-8/UTF-16 labels (left to <see cref="TextDecoding"/>) or unknown labels.</summary>
    private static Encoding? ResolveEncoding(string label)
    {
        var name = label.Trim().ToLowerInvariant();
        if (name is "utf-8" or "utf8" or "unicode-1-1-utf-8" || name.StartsWith("utf-16", StringComparison.Ordinal) || name.StartsWith("unicode", StringComparison.Ordinal))
        {
            return null;
        }

        // As browsers do, the Latin-1 and ASCII labels mean Windows-1252.
        if (name is "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "x-cp1252")
        {
            name = "windows-1252";
        }

        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? MetaContent(IDocument document, string key)
    {
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var name = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (name is not null && name.Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                var value = meta.GetAttribute("content");
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value.Trim();
                }
            }
        }

        return null;
    }

    private static DateTimeOffset? ParseDate(string? value) =>
        value is not null && MarkdownExtractor.TryParseDate(value.Trim(), out var date) ? date : null;

    private static DateTimeOffset? TimeElementDate(IElement? scope)
    {
        if (scope is null)
        {
            return null;
        }

        foreach (var time in scope.QuerySelectorAll("time[datetime]"))
        {
            if (ParseDate(time.GetAttribute("datetime")) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>The JSON-LD blocks of the page; broken ones (common) are skipped, other sources of metadata remain.</summary>
    private static List<JsonElement> JsonLdRoots(IDocument document)
    {
        var roots = new List<JsonElement>();
        foreach (var script in document.QuerySelectorAll("script[type]"))
        {
            if (!script.GetAttribute("type")!.Trim().Equals("application/ld+json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 64 });
                roots.Add(json.RootElement.Clone());
            }
            catch (JsonException)
            {
            }
        }

        return roots;
    }

    /// <summary>The first value of the property <paramref name="name"/> anywhere in the JSON-LD blocks, depth first.</summary>
    private static JsonElement? FindJsonLd(IEnumerable<JsonElement> roots, string name)
    {
        foreach (var root in roots)
        {
            if (Find(root, 0) is { } found)
            {
                return found;
            }
        }

        return null;

        JsonElement? Find(JsonElement element, int depth)
        {
            if (depth > 16)
            {
                return null;
            }

            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    return value;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (Find(property.Value, depth + 1) is { } nested)
                    {
                        return nested;
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, depth + 1) is { } nested)
                    {
                        return nested;
                    }
                }
            }

            return null;
        }
    }

    private static DateTimeOffset? JsonLdDate(IEnumerable<JsonElement> roots, string name) =>
        FindJsonLd(roots, name) is { ValueKind: JsonValueKind.String } value ? ParseDate(value.GetString()) : null;

    /// <summary>Names in a JSON-LD value: a string, an object's <c>name</c>, or each of an array's.</summary>
    private static IEnumerable<string> JsonLdNames(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } v => [v.GetString()!],
        { ValueKind: JsonValueKind.Object } v when v.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => [n.GetString()!],
        { ValueKind: JsonValueKind.Array } v => v.EnumerateArray().SelectMany(item => JsonLdNames(item)).ToList(),
        _ => [],
    };

    /// <summary>The page's own address: <c>&lt;link rel=canonical&gt;</c>, else <c>og:url</c>; absolute http(s) only.</summary>
    private static string? CanonicalUrl(IDocument document)
    {
        var link = document.QuerySelectorAll("link[rel][href]")
            .FirstOrDefault(l => l.GetAttribute("rel")!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("canonical", StringComparer.OrdinalIgnoreCase))
            ?.GetAttribute("href");
        foreach (var candidate in new[] { link, MetaContent(document, "og:url") })
        {
            if (Uri.TryCreate(candidate?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri.AbsoluteUri;
            }
        }

        return null;
    }

    /// <summary>The authors: <c>meta name=author</c>, <c>article:author</c> (unless a profile URL), JSON-LD <c>author</c>.</summary>
    private static List<string> Authors(IDocument document, IEnumerable<JsonElement> jsonLd)
    {
        var names = document.QuerySelectorAll("meta")
            .Where(m => (m.GetAttribute("name") ?? m.GetAttribute("property")) is { } key
                && (key.Trim().Equals("author", StringComparison.OrdinalIgnoreCase) || key.Trim().Equals("article:author", StringComparison.OrdinalIgnoreCase)))
            .Select(m => m.GetAttribute("content") ?? "")
            .Concat(JsonLdNames(FindJsonLd(jsonLd, "author")))
            .Select(Collapse)
            .Where(n => n.Length is > 1 and <= 100 && !n.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(10)
            .ToList();
        return names;
    }

    /// <summary>Removes elements that are never article text, whatever their position.</summary>
    private static void RemoveJunk(IDocument document)
    {
        var doomed = new List<IElement>();
        foreach (var element in document.All)
        {
            var name = element.LocalName;
            var role = element.GetAttribute("role")?.Trim() ?? "";
            var hidden = element.HasAttribute("hidden") || HiddenStyle().IsMatch(element.GetAttribute("style") ?? "");
            var junk = JunkTags.Contains(name)
                || (role.Length > 0 && JunkRoles.Contains(role) && !ProtectedTags.Contains(name))
                // Hidden elements go, unless a page saved with an overlay open has hidden its own content.
                || (hidden && element.QuerySelector("article, main, [role=main]") is null && !ProtectedTags.Contains(name))
                // A page header (site name, menus); a header inside an article holds its headline and is kept.
                || (name == "header" && element.Closest("article") is null);
            if (junk && name is not ("html" or "body"))
            {
                doomed.Add(element);
            }
        }

        foreach (var element in doomed)
        {
            element.Remove();
        }
    }

    /// <summary>Removes boilerplate (by id, class, role or aria-label) inside the content root.</summary>
    private static void RemoveBoilerplate(IElement root)
    {
        var doomed = root.QuerySelectorAll("*").Where(IsBoilerplate).ToList();
        foreach (var element in doomed)
        {
            element.Remove();
        }
    }

    internal static bool IsBoilerplate(IElement element)
    {
        if (element.LocalName is "html" or "body")
        {
            return false;
        }

        var classes = (element.GetAttribute("class") ?? "")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            // Taxonomy classes such as "tag-social-media" or "category-comment" describe the post, not the element.
            .Where(token => !TaxonomyClass().IsMatch(token));
        var descriptor = string.Join(' ', classes.Append(element.Id ?? "").Append(element.GetAttribute("role") ?? "").Append(element.GetAttribute("aria-label") ?? "")).ToLowerInvariant();
        if (descriptor.Trim().Length == 0)
        {
            return false;
        }

        if (StrongBoilerplate().IsMatch(descriptor))
        {
            return true;
        }

        return WeakBoilerplate().IsMatch(descriptor) && !ContentHint().IsMatch(descriptor);
    }

    private static bool InBoilerplate(IElement element)
    {
        for (var current = element; current is not null; current = current.ParentElement)
        {
            if (IsBoilerplate(current))
            {
                return true;
            }
        }

        return false;
    }

    private static IElement ChooseRoot(IElement body)
    {
        var total = ParagraphTextLength(body, 0);

        var bestArticle = body.QuerySelectorAll("article")
            .Where(article => !InBoilerplate(article))
            .Select(article => (Element: article, Length: ParagraphTextLength(article, 0)))
            .OrderByDescending(candidate => candidate.Length)
            .FirstOrDefault();
        if (bestArticle.Element is not null && bestArticle.Length > 0 && bestArticle.Length * 4 >= total)
        {
            return bestArticle.Element;
        }

        var main = body.QuerySelectorAll("main, [role=main]").FirstOrDefault(element => !InBoilerplate(element));
        if (main is not null && ParagraphTextLength(main, 0) > 0)
        {
            return main;
        }

        return DensestParagraphContainer(body) ?? body;
    }

    /// <summary>Characters of paragraph text under the element, skipping boilerplate subtrees.</summary>
    private static int ParagraphTextLength(IElement element, int depth)
    {
        if (depth > MaxDepth || (depth > 0 && IsBoilerplate(element)))
        {
            return 0;
        }

        if (element.LocalName == "p")
        {
            return Collapse(element.TextContent).Length;
        }

        var sum = 0;
        foreach (var child in element.Children)
        {
            sum += ParagraphTextLength(child, depth + 1);
        }

        return sum;
    }

    /// <summary>Readability-style scoring: each paragraph credits its parent fully and its grandparent by half.</summary>
    private static IElement? DensestParagraphContainer(IElement body)
    {
        var scores = new Dictionary<IElement, double>();
        foreach (var paragraph in body.QuerySelectorAll("p, pre, div"))
        {
            if (paragraph.LocalName == "div" && paragraph.Children.Any(child => BlockTags.Contains(child.LocalName)))
            {
                continue;
            }

            var text = Collapse(paragraph.TextContent);
            if (text.Length < 25 || InBoilerplate(paragraph))
            {
                continue;
            }

            var score = 1 + text.Count(c => c == ',') + Math.Min(text.Length / 100.0, 3);
            if (paragraph.ParentElement is { } parent)
            {
                scores[parent] = scores.GetValueOrDefault(parent) + score;
                if (parent.ParentElement is { } grandparent)
                {
                    scores[grandparent] = scores.GetValueOrDefault(grandparent) + (score / 2);
                }
            }
        }

        return scores
            .Select(pair => (Element: pair.Key, Score: pair.Value * (1 - LinkDensity(pair.Key))))
            .OrderByDescending(candidate => candidate.Score)
            .Select(candidate => candidate.Element)
            .FirstOrDefault();
    }

    private static double LinkDensity(IElement element)
    {
        var length = Collapse(element.TextContent).Length;
        if (length == 0)
        {
            return 0;
        }

        var linkLength = element.QuerySelectorAll("a").Sum(link => Collapse(link.TextContent).Length);
        return Math.Min(1, (double)linkLength / length);
    }

    internal static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>Turns the DOM under the root into paragraphs: a block element starts and ends one.</summary>
    private sealed class ParagraphWriter(CancellationToken cancellationToken)
    {
        private readonly StringBuilder _inline = new();
        private int _visited;

        public List<string> Paragraphs { get; } = [];

        public void Walk(INode node, int depth)
        {
            if (++_visited % 2000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (node is IText text)
            {
                // Source line breaks are whitespace; only <br> breaks a line.
                _inline.Append(text.Data.Replace('\n', ' ').Replace('\r', ' '));
                return;
            }

            if (node is not IElement element)
            {
                return;
            }

            var name = element.LocalName;
            if (depth > MaxDepth)
            {
                _inline.Append(' ').Append(element.TextContent).Append(' ');
                return;
            }

            switch (name)
            {
                case "br":
                    _inline.Append('\n');
                    return;
                case "img" or "picture" or "source" or "head" or "title":
                    return;
                case "pre":
                    Flush();
                    Add(element.TextContent.Trim('\n', '\r').TrimEnd());
                    return;
                case "tr" when !element.Children.Any(cell => cell.QuerySelector(BlockSelector) is not null):
                    // A data row: one paragraph with its cells joined. Layout tables (blocks inside cells) are walked.
                    Flush();
                    var cells = element.Children
                        .Where(cell => cell.LocalName is "td" or "th")
                        .Select(cell => Collapse(cell.TextContent))
                        .Where(cell => cell.Length > 0);
                    Add(string.Join(" | ", cells));
                    return;
            }

            var block = BlockTags.Contains(name);
            if (block)
            {
                Flush();
            }

            foreach (var child in element.ChildNodes)
            {
                Walk(child, depth + 1);
            }

            if (block)
            {
                Flush();
            }
        }

        public void Flush()
        {
            if (_inline.Length == 0)
            {
                return;
            }

            var lines = _inline.ToString().Split('\n').Select(Collapse).Where(line => line.Length > 0);
            _inline.Clear();
            Add(string.Join("\n", lines));
        }

        private void Add(string paragraph)
        {
            if (paragraph.Length > 0)
            {
                Paragraphs.Add(paragraph);
            }
        }
    }

    [GeneratedRegex(@"<meta[^>]+?charset\s*=\s*[""']?\s*(?<charset>[\w:.-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"^(tag|category|categories|topic|topics)-", RegexOptions.IgnoreCase)]
    private static partial Regex TaxonomyClass();

    [GeneratedRegex(@"cookie|consent|gdpr|newsletter|subscribe|subscription|signup|sign-up|share|sharing|social|related|comments?(?![a-z])|commentlist|disqus|reply|respond|promo|advert|sponsor|breadcrumb|popup|pop-up|modal|paywall|(?<![a-z])ads?(?![a-z])")]
    private static partial Regex StrongBoilerplate();

    [GeneratedRegex(@"banner|sidebar|menu|navbar|navigation|masthead|toolbar|widget|pagination|pager")]
    private static partial Regex WeakBoilerplate();

    [GeneratedRegex(@"(?<![a-z])(article|content|main|body|story|entry|post|text)(?![a-z])")]
    private static partial Regex ContentHint();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
