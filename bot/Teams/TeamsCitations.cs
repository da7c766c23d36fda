using System.Text.RegularExpressions;
using BriefingBot.Memory.Answering;

namespace BriefingBot.Bot.Teams;

/// <summary>Builds the Teams citation list of an answer within Teams' limits, keeping text markers and positions in step.</summary>
public static partial class TeamsCitations
{
    public const int MaxCitations = 20;
    public const int MaxNameLength = 80;
    public const int MaxAbstractLength = 160;

    /// <summary>
    /// The text with markers past <see cref="MaxCitations"/> or without a citation removed, and one claim per
    /// remaining marker number, in order.
    /// </summary>
    public static (string Text, IReadOnlyList<CitationClaim> Claims) Build(string text, IReadOnlyList<Citation> citations)
    {
        var byNumber = citations.GroupBy(c => c.N).ToDictionary(g => g.Key, g => g.First());
        var kept = new SortedSet<int>();
        var removed = false;
        var cleaned = Marker().Replace(text, match =>
        {
            var n = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (n >= 1 && n <= MaxCitations && byNumber.ContainsKey(n))
            {
                kept.Add(n);
                return match.Value;
            }

            removed = true;
            return "";
        });
        if (removed)
        {
            cleaned = SpaceBeforePunctuation().Replace(cleaned, "$1");
        }

        var claims = kept.Select(n => new CitationClaim(n, Appearance(byNumber[n]))).ToList();
        return (cleaned, claims);
    }

    public static CitationAppearance Appearance(Citation citation) => new(
        Truncate(citation.Title.Length > 0 ? citation.Title : citation.DocumentId, MaxNameLength),
        Truncate(Collapse(citation.Quote.Length > 0 ? citation.Quote : citation.Text), MaxAbstractLength),
        WebLink(citation.Source));

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

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s*\[(\d+)\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\s+([.,;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
