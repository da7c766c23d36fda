using System.Text.RegularExpressions;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Bot.Teams;

/// <summary>
/// Builds the citation list of an answer for Teams and Web Chat: one source per cited document, numbered in the
/// order the text first cites them, within Teams' limits, with the text's markers and the positions kept in step.
/// </summary>
public static partial class TeamsCitations
{
    public const int MaxCitations = 20;
    public const int MaxNameLength = 80;
    public const int MaxAbstractLength = 160;

    /// <summary>
    /// The text with each marker renumbered to its document's source (a sentence citing two passages of one document
    /// keeps one marker), markers without a citation or past <see cref="MaxCitations"/> sources removed, and the
    /// sources in order.
    /// </summary>
    public static (string Text, IReadOnlyList<CitedSource> Sources) Build(string text, IReadOnlyList<Citation> citations)
    {
        var byNumber = citations.GroupBy(c => c.N).ToDictionary(g => g.Key, g => g.First());
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var cited = new Dictionary<int, List<Citation>>();
        var removed = false;
        var renumbered = Marker().Replace(text, match =>
        {
            var n = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (!byNumber.TryGetValue(n, out var citation))
            {
                removed = true;
                return "";
            }

            if (!positions.TryGetValue(citation.DocumentId, out var position))
            {
                if (positions.Count == MaxCitations)
                {
                    removed = true;
                    return "";
                }

                position = positions.Count + 1;
                positions[citation.DocumentId] = position;
                cited[position] = [];
            }

            if (!cited[position].Contains(citation))
            {
                cited[position].Add(citation);
            }

            var leading = match.Value[..(match.Groups[1].Index - match.Index - 1)];
            return $"{leading}[{position}]";
        });
        var cleaned = RepeatedMarker().Replace(renumbered, "$1");
        if (removed)
        {
            cleaned = SpaceBeforePunctuation().Replace(cleaned, "$1");
        }

        var sources = cited.Select(p => new CitedSource(p.Key, p.Value.OrderBy(c => c.N).ToList())).ToList();
        return (cleaned, sources);
    }

    /// <summary>The source when it is an absolute http(s) URL, else null.</summary>
    public static string? WebLink(string? source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    public static string Truncate(string text, int max)
    {
        text = text.Trim();
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)].TrimEnd() + "…";
    }

    public static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s*\[(\d+)\]")]
    private static partial Regex Marker();

    /// <summary>The same marker twice in a row ("[1] [1]"), as renumbering leaves two passages of one document.</summary>
    [GeneratedRegex(@"(\s*\[(\d+)\])(?:\s*\[\2\])+")]
    private static partial Regex RepeatedMarker();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
