using System.Text;
using System.Text.RegularExpressions;
using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// Reads the citation markers of a model's answer in the forms models write them — <c>[1]</c>, <c>[1][2]</c>,
/// <c>[1, 2]</c>, <c>[1-3]</c>, <c>[doc1]</c>, <c>[^1]</c>, <c>[Fact 2]</c> — and splits the answer into sentences,
/// each carrying the facts its markers name. A marker after a sentence's full stop belongs to that sentence. Numbers
/// outside 1…<c>factCount</c> are dropped, and so is a marker left unclosed at the end.
/// </summary>
public static partial class CitationMarkers
{
    public static IReadOnlyList<DraftSentence> Parse(string answer, int factCount)
    {
        var clean = new StringBuilder(answer.Length);
        var markers = new List<(int Position, List<int> Facts)>();
        var last = 0;
        foreach (Match match in Bracketed().Matches(answer))
        {
            if (!MarkerBody().IsMatch(match.Groups[1].Value))
            {
                continue;
            }

            AppendTrimmedEnd(clean, answer.AsSpan(last, match.Index - last));
            var facts = Numbers(match.Groups[1].Value).Where(n => n >= 1 && n <= factCount).ToList();
            markers.Add((clean.Length, facts));
            last = match.Index + match.Length;
        }

        clean.Append(answer.AsSpan(last));
        var text = Unclosed().Replace(clean.ToString(), "");
        var spans = SentenceSplitter.Split(text);
        var sentences = new List<(string Text, List<int> Facts)>();
        foreach (var span in spans)
        {
            sentences.Add((span.Of(text), []));
        }

        foreach (var (position, facts) in markers)
        {
            var index = spans.FindLastIndex(s => s.Start < position);
            if (index < 0)
            {
                index = 0;
            }

            if (index < sentences.Count)
            {
                sentences[index].Facts.AddRange(facts);
            }
        }

        return sentences
            .Where(s => QueryTerms.Words(s.Text).Count > 0)
            .Select(s => new DraftSentence(s.Text, s.Facts.Distinct().ToList()))
            .ToList();
    }

    /// <summary>The answer with every marker removed, for display while the checked answer is not yet ready.</summary>
    public static string Strip(string answer)
    {
        var text = Bracketed().Replace(answer, m => MarkerBody().IsMatch(m.Groups[1].Value) ? "" : m.Value);
        return SpaceBeforePunctuation().Replace(Unclosed().Replace(text, ""), "$1");
    }

    private static IEnumerable<int> Numbers(string body)
    {
        foreach (Match m in Number().Matches(body))
        {
            var from = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (!m.Groups[2].Success)
            {
                yield return from;
                continue;
            }

            var to = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            for (var n = from; n <= to && n - from < 20; n++)
            {
                yield return n;
            }
        }
    }

    private static void AppendTrimmedEnd(StringBuilder builder, ReadOnlySpan<char> text) => builder.Append(text.TrimEnd());

    [GeneratedRegex(@"\[([^\[\]\n]{0,40})\]")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"^\s*(?:(?:doc(?:ument)?|fact|source|ref)?\s*[#^]?\s*\d+(?:\s*[-–]\s*\d+)?\s*(?:[,;&]|and)?\s*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex MarkerBody();

    [GeneratedRegex(@"(\d+)(?:\s*[-–]\s*(\d+))?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s*\[\s*(?:doc)?\s*\d*[\d,\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Unclosed();

    [GeneratedRegex(@"[ \t]+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();
}
