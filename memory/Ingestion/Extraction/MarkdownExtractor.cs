using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>
/// Markdown. The markup is stripped to plain paragraphs: headings, emphasis, code ticks, links (their text is kept),
/// images, reference definitions and HTML tags. Code fences keep their content. YAML front matter supplies
/// <c>title</c> and <c>date</c> and is dropped; otherwise the first level-1 heading is the title.
/// </summary>
public sealed partial class MarkdownExtractor : ITextExtractor
{
    // Private-use characters stand in for backslash-escaped punctuation and code spans while the rest is stripped.
    private const char EscapeMark = '\uE000';
    private const char CodeMark = '\uE001';

    public IReadOnlyCollection<string> Extensions { get; } = [".md", ".markdown"];

    public ExtractedText Extract(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        var source = TextDecoding.Decode(content.Span, fileName).Replace("\r\n", "\n").Replace('\r', '\n');
        var lines = source.Split('\n').ToList();

        var (frontTitle, frontDate) = ReadFrontMatter(lines);
        var blocks = new Converter(cancellationToken).Convert(lines);

        return new ExtractedText
        {
            Text = string.Join("\n\n", blocks.Paragraphs),
            Title = frontTitle ?? blocks.FirstHeading,
            Published = frontDate,
            ContentType = "text/markdown",
        };
    }

    /// <summary>Reads and removes a leading <c>---</c> YAML block; only simple <c>key: value</c> lines are read.</summary>
    private static (string? Title, DateTimeOffset? Date) ReadFrontMatter(List<string> lines)
    {
        if (lines.Count == 0 || lines[0].TrimEnd() != "---")
        {
            return (null, null);
        }

        var end = lines.FindIndex(1, line => line.TrimEnd() is "---" or "...");
        if (end < 0)
        {
            return (null, null);
        }

        string? title = null;
        DateTimeOffset? date = null;
        foreach (var line in lines.Skip(1).Take(end - 1))
        {
            var match = FrontMatterLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var key = match.Groups["key"].Value.ToLowerInvariant();
            var value = Unquote(match.Groups["value"].Value.Trim());
            if (key == "title" && value.Length > 0)
            {
                title ??= value;
            }
            else if (key is "date" or "published" or "pubdate" && date is null && TryParseDate(value, out var parsed))
            {
                date = parsed;
            }
        }

        lines.RemoveRange(0, end + 1);
        return (title, date);
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

    /// <summary>Strips inline markup from one line of text.</summary>
    internal static string StripInline(string text)
    {
        // Backslash escapes: protect the escaped character from the markup rules below.
        var escaped = new List<char>();
        text = BackslashEscape().Replace(text, m =>
        {
            escaped.Add(m.Groups[1].Value[0]);
            return EscapeMark.ToString();
        });

        // Code spans are literal: set them aside.
        var spans = new List<string>();
        text = CodeSpan().Replace(text, m =>
        {
            spans.Add(m.Groups["code"].Value.Trim());
            return CodeMark.ToString();
        });

        text = HtmlComment().Replace(text, "");
        text = InlineImage().Replace(text, "");
        text = ReferenceImage().Replace(text, "");
        text = InlineLink().Replace(text, "${text}");
        text = ReferenceLink().Replace(text, "${text}");
        text = AutoLink().Replace(text, "${url}");
        text = HtmlTag().Replace(text, "");
        text = StrongOrStrike().Replace(text, "${text}");
        text = Emphasis().Replace(text, "${text}");

        var spanIndex = 0;
        text = Regex.Replace(text, CodeMark.ToString(), _ => spanIndex < spans.Count ? spans[spanIndex++] : "");
        var escapeIndex = 0;
        text = Regex.Replace(text, EscapeMark.ToString(), _ => escapeIndex < escaped.Count ? escaped[escapeIndex++].ToString() : "");

        return WebUtility.HtmlDecode(text).Trim();
    }

    /// <summary>Walks the lines once, building plain paragraphs.</summary>
    private sealed class Converter(CancellationToken cancellationToken)
    {
        private readonly List<string> _paragraphs = [];
        private readonly List<string> _current = [];
        private bool _currentIsList;

        public List<string> Paragraphs => _paragraphs;

        public string? FirstHeading { get; private set; }

        public Converter Convert(List<string> lines)
        {
            var inHtmlComment = false;
            for (var i = 0; i < lines.Count; i++)
            {
                if (i % 1000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var line = lines[i];
                var trimmed = line.Trim();

                if (inHtmlComment)
                {
                    var close = line.IndexOf("-->", StringComparison.Ordinal);
                    if (close < 0)
                    {
                        continue;
                    }

                    inHtmlComment = false;
                    line = line[(close + 3)..];
                    trimmed = line.Trim();
                }

                if (trimmed.StartsWith("<!--", StringComparison.Ordinal) && !trimmed.Contains("-->", StringComparison.Ordinal))
                {
                    inHtmlComment = true;
                    Flush();
                    continue;
                }

                var fence = CodeFence().Match(line);
                if (fence.Success)
                {
                    Flush();
                    i = ReadFence(lines, i, fence.Groups["fence"].Value);
                    continue;
                }

                if (trimmed.Length == 0)
                {
                    Flush();
                    continue;
                }

                // Setext headings: the underline turns the pending paragraph into a heading.
                if (_current.Count > 0 && !_currentIsList && SetextUnderline().Match(line) is { Success: true } underline)
                {
                    var heading = StripInline(string.Join(" ", _current));
                    _current.Clear();
                    AddHeading(heading, level: underline.Groups["mark"].Value[0] == '=' ? 1 : 2);
                    continue;
                }

                if (ThematicBreak().IsMatch(line))
                {
                    Flush();
                    continue;
                }

                var atx = AtxHeading().Match(line);
                if (atx.Success)
                {
                    Flush();
                    AddHeading(StripInline(atx.Groups["text"].Value), atx.Groups["hashes"].Value.Length);
                    continue;
                }

                if (ReferenceDefinition().IsMatch(line))
                {
                    continue;
                }

                // Block quotes: drop the markers and read what is inside.
                var quote = BlockQuote().Match(line);
                if (quote.Success)
                {
                    line = line[quote.Length..];
                    trimmed = line.Trim();
                    if (trimmed.Length == 0)
                    {
                        Flush();
                        continue;
                    }

                    var quotedHeading = AtxHeading().Match(line);
                    if (quotedHeading.Success)
                    {
                        Flush();
                        AddHeading(StripInline(quotedHeading.Groups["text"].Value), level: 0);
                        continue;
                    }
                }

                if (TableDelimiterRow().IsMatch(line))
                {
                    continue;
                }

                var item = ListItem().Match(line);
                if (item.Success)
                {
                    if (!_currentIsList)
                    {
                        Flush();
                        _currentIsList = true;
                    }

                    var itemText = TaskBox().Replace(item.Groups["text"].Value, "");
                    _current.Add(StripInline(itemText));
                    continue;
                }

                if (trimmed.StartsWith('|') && trimmed.Length > 1)
                {
                    var cells = trimmed.Trim('|').Split('|').Select(cell => StripInline(cell)).Where(cell => cell.Length > 0);
                    AddLine(string.Join(" | ", cells), asOwnLine: true);
                    continue;
                }

                var plain = StripInline(line);
                if (plain.Length == 0)
                {
                    continue;
                }

                if (_currentIsList && _current.Count > 0 && char.IsWhiteSpace(line[0]))
                {
                    // A lazy continuation of the previous list item.
                    _current[^1] = $"{_current[^1]} {plain}";
                    continue;
                }

                if (_currentIsList)
                {
                    Flush();
                }

                AddLine(plain, asOwnLine: false);
            }

            Flush();
            return this;
        }

        private int ReadFence(List<string> lines, int start, string fence)
        {
            var code = new StringBuilder();
            var i = start + 1;
            for (; i < lines.Count; i++)
            {
                var candidate = lines[i].TrimStart();
                if (candidate.StartsWith(fence, StringComparison.Ordinal) && candidate.TrimEnd().Trim(fence[0]).Length == 0)
                {
                    break;
                }

                code.Append(lines[i].TrimEnd()).Append('\n');
            }

            var text = code.ToString().Trim('\n');
            if (text.Trim().Length > 0)
            {
                _paragraphs.Add(text);
            }

            return i;
        }

        private void AddHeading(string text, int level)
        {
            if (text.Length == 0)
            {
                return;
            }

            if (level == 1)
            {
                FirstHeading ??= text;
            }

            _paragraphs.Add(text);
        }

        private void AddLine(string text, bool asOwnLine)
        {
            if (asOwnLine)
            {
                _current.Add(text);
                return;
            }

            // Soft-wrapped lines of one paragraph are joined with a space.
            if (_current.Count > 0 && !_currentIsList)
            {
                _current[^1] = $"{_current[^1]} {text}";
            }
            else
            {
                _current.Add(text);
            }
        }

        private void Flush()
        {
            var lines = _current.Where(line => line.Length > 0).ToList();
            if (lines.Count > 0)
            {
                _paragraphs.Add(string.Join("\n", lines));
            }

            _current.Clear();
            _currentIsList = false;
        }
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z_][\w-]*)\s*:\s*(?<value>.*)$")]
    private static partial Regex FrontMatterLine();

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})")]
    private static partial Regex CodeFence();

    [GeneratedRegex(@"^ {0,3}(?<mark>=+|-+)\s*$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^ {0,3}((\*\s*){3,}|(-\s*){3,}|(_\s*){3,})$")]
    private static partial Regex ThematicBreak();

    [GeneratedRegex(@"^ {0,3}(?<hashes>#{1,6})(?:[ \t]+(?<text>.*?))?(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}\[[^\]]+\]:\s*\S+(\s+(""[^""]*""|'[^']*'|\([^)]*\)))?\s*$")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^(\s{0,3}>\s?)+")]
    private static partial Regex BlockQuote();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    private static partial Regex TableDelimiterRow();

    [GeneratedRegex(@"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?<text>.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\[[ xX]\]\s+")]
    private static partial Regex TaskBox();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!|<>~""'])")]
    private static partial Regex BackslashEscape();

    [GeneratedRegex(@"(?<ticks>`+)(?<code>.+?)(?<!`)\k<ticks>(?!`)")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"<!--.*?-->")]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"!\[[^\]]*\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)")]
    private static partial Regex InlineImage();

    [GeneratedRegex(@"!\[[^\]]*\]\[[^\]]*\]")]
    private static partial Regex ReferenceImage();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\[[^\]]*\]")]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"<(?<url>(?:https?|ftp|mailto):[^>\s]+)>")]
    private static partial Regex AutoLink();

    [GeneratedRegex(@"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"(?<mark>\*\*|__|~~)(?=\S)(?<text>.+?)(?<=\S)\k<mark>")]
    private static partial Regex StrongOrStrike();

    [GeneratedRegex(@"(?<![\w*])(?<mark>[*_])(?=\S)(?<text>.+?)(?<=\S)\k<mark>(?![\w*])")]
    private static partial Regex Emphasis();
}
