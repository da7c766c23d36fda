using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>
/// Markdown, parsed as CommonMark by Markdig (with front matter, pipe tables, task lists and strikethrough) and
/// reduced to plain paragraphs: headings, paragraphs and code blocks each become one; the items of adjacent lists
/// become one paragraph of lines, a table one line per row; link texts are kept, images, HTML tags and reference
/// definitions dropped. YAML front matter supplies <c>title</c> and <c>date</c>; otherwise the first level-1 heading
/// outside a block quote is the title.
/// </summary>
public sealed partial class MarkdownExtractor : ITextExtractor
{
    /// <summary>Blocks nested deeper than this (quotes in quotes in lists…) are read as their plain source text.</summary>
    private const int MaxDepth = 32;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseTaskLists()
        .UseEmphasisExtras()
        .Build();

    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public ExtractedText Extract(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        var source = TextDecoding.Decode(content.Span, fileName);
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(source, Pipeline);
        }
        catch (ArgumentException e)
        {
            throw new ExtractionException($"{fileName}: the Markdown is nested too deeply to read ({e.Message})", e);
        }

        var reader = new Reader(cancellationToken);
        reader.Read(document, depth: 0, quoted: false);

        return new ExtractedText
        {
            Text = string.Join("\n\n", reader.Paragraphs),
            Title = reader.FrontTitle ?? reader.FirstHeading,
            Published = reader.FrontDate,
            ContentType = "text/markdown",
        };
    }

    internal static bool TryParseDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out date);

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            var inner = value[1..^1];
            return value[0] == '"' ? inner.Replace("\\\"", "\"") : inner.Replace("''", "'");
        }

        return value;
    }

    /// <summary>Collapses runs of spaces and tabs in each line, and trims the lines and the whole.</summary>
    private static string Tidy(string text) =>
        string.Join("\n", text.Split('\n').Select(line => Spaces().Replace(line, " ").Trim()).Where(line => line.Length > 0));

    /// <summary>Walks the document once, building plain paragraphs.</summary>
    private sealed class Reader(CancellationToken cancellationToken)
    {
        private readonly List<string> _listLines = [];

        public List<string> Paragraphs { get; } = [];

        public string? FirstHeading { get; private set; }

        public string? FrontTitle { get; private set; }

        public DateTimeOffset? FrontDate { get; private set; }

        public void Read(ContainerBlock container, int depth, bool quoted)
        {
            foreach (var block in container)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (block is not ListBlock)
                {
                    FlushList();
                }

                switch (block)
                {
                    case YamlFrontMatterBlock front:
                        ReadFrontMatter(front.Lines.ToString());
                        break;
                    case HeadingBlock heading:
                        var title = InlineText(heading.Inline);
                        if (heading.Level == 1 && !quoted && title.Length > 0)
                        {
                            FirstHeading ??= title;
                        }

                        Add(title);
                        break;
                    case ParagraphBlock paragraph:
                        Add(InlineText(paragraph.Inline));
                        break;
                    case CodeBlock code:
                        Add(code.Lines.ToString().Trim('\n', '\r'), tidy: false);
                        break;
                    case HtmlBlock html:
                        Add(WebUtility.HtmlDecode(HtmlTagOrComment().Replace(html.Lines.ToString(), " ")));
                        break;
                    case ListBlock list when depth < MaxDepth:
                        ReadList(list, depth);
                        break;
                    case Table table:
                        Add(string.Join("\n", table.OfType<TableRow>().Select(RowText)));
                        break;
                    case ContainerBlock inner when depth < MaxDepth:
                        Read(inner, depth + 1, quoted || inner is QuoteBlock);
                        break;
                    case ContainerBlock deep:
                        Add(PlainSource(deep));
                        break;
                }
            }

            FlushList();
        }

        /// <summary>Each item's text is one line; nested lists add their items as further lines.</summary>
        private void ReadList(ListBlock list, int depth)
        {
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var parts = new List<string>();
                foreach (var block in item)
                {
                    switch (block)
                    {
                        case ParagraphBlock paragraph:
                            parts.Add(InlineText(paragraph.Inline));
                            break;
                        case ListBlock nested when depth + 1 < MaxDepth:
                            AddListLine(string.Join(" ", parts));
                            parts.Clear();
                            ReadList(nested, depth + 1);
                            break;
                        case LeafBlock leaf:
                            parts.Add(Tidy(leaf.Lines.ToString()).Replace('\n', ' '));
                            break;
                    }
                }

                AddListLine(string.Join(" ", parts));
            }
        }

        private void AddListLine(string line)
        {
            if (line.Trim().Length > 0)
            {
                _listLines.Add(line.Trim());
            }
        }

        private void FlushList()
        {
            if (_listLines.Count > 0)
            {
                Paragraphs.Add(string.Join("\n", _listLines));
                _listLines.Clear();
            }
        }

        private void Add(string text, bool tidy = true)
        {
            var paragraph = tidy ? Tidy(text) : text;
            if (paragraph.Trim().Length > 0)
            {
                Paragraphs.Add(paragraph);
            }
        }

        /// <summary>Reads simple <c>key: value</c> lines of the front matter; other YAML is ignored.</summary>
        private void ReadFrontMatter(string yaml)
        {
            foreach (var line in yaml.Split('\n'))
            {
                var match = FrontMatterLine().Match(line.TrimEnd('\r'));
                if (!match.Success)
                {
                    continue;
                }

                var key = match.Groups["key"].Value.ToLowerInvariant();
                var value = Unquote(match.Groups["value"].Value.Trim());
                if (key == "title" && value.Length > 0)
                {
                    FrontTitle ??= value;
                }
                else if (key is "date" or "published" or "pubdate" && FrontDate is null && TryParseDate(value, out var parsed))
                {
                    FrontDate = parsed;
                }
            }
        }

        private static string RowText(TableRow row) =>
            string.Join(" | ", row.OfType<TableCell>()
                .Select(cell => string.Join(" ", cell.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline))))
                .Where(cell => cell.Length > 0));

        private static string PlainSource(ContainerBlock block) =>
            string.Join(" ", block.Descendants<LeafBlock>().Select(leaf => leaf.Lines.ToString()));

        private static string InlineText(ContainerInline? inline)
        {
            if (inline is null)
            {
                return "";
            }

            var text = new StringBuilder();
            Append(text, inline);
            return Tidy(text.ToString().Replace('\n', ' '));
        }

        private static void Append(StringBuilder text, Inline inline)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case LinkInline { IsImage: true }:
                case HtmlInline:
                case TaskList:
                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        Append(text, child);
                    }

                    break;
            }
        }
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z_][\w-]*)\s*:\s*(?<value>.*)$")]
    private static partial Regex FrontMatterLine();

    [GeneratedRegex(@"<!--.*?-->|<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex HtmlTagOrComment();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();
}
