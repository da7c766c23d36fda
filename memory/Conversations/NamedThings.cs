using System.Text.RegularExpressions;
using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Conversations;

/// <summary>
/// Named things in English text without a model: runs of capitalised words ("Karen Donfried", "Nato", "the United
/// States"), without a leading stop word ("Who", "The"). A run is a <see cref="Persons">person</see> when, after any
/// title ("President", "Minister", "Mr"), it has two or more words, no acronym and no article before it ("Vladimir
/// Putin", not "the United States" or "US State Department"), or one word right after a title ("Mr Putin").
/// </summary>
public static partial class NamedThings
{
    /// <summary>A run of capitalised words: where it stands in the text (with an article before it, if any) and its words.</summary>
    public sealed record Run(int Start, int Length, IReadOnlyList<string> Words, bool AfterArticle, bool Titled, bool HasAcronym)
    {
        public string Name => string.Join(' ', Words);
    }

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president", "vice", "prime",
        "minister", "secretary", "deputy", "assistant", "undersecretary", "chancellor", "senator", "sen", "rep",
        "representative", "governor", "mayor", "ambassador", "envoy", "general", "admiral", "colonel", "captain", "judge",
        "justice", "king", "queen", "prince", "princess", "pope", "chairman", "chairwoman", "chair", "director",
        "commissioner", "spokesman", "spokeswoman", "spokesperson", "foreign", "defence", "defense", "state", "chief",
    };

    private static readonly HashSet<string> Articles = new(StringComparer.OrdinalIgnoreCase) { "the", "a", "an" };

    /// <summary>
    /// The runs of capitalised words, in order. Unless <paramref name="firstWordCounts"/>, the text's first word alone
    /// (capitalised as any first word is) counts only as an acronym.
    /// </summary>
    public static List<Run> Runs(string text, bool firstWordCounts = false)
    {
        var runs = new List<Run>();
        var words = Word().Matches(text).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (!IsCapitalised(words[i].Value))
            {
                continue;
            }

            var end = i;
            while (end + 1 < words.Count && IsCapitalised(words[end + 1].Value) && IsSpace(text, words[end], words[end + 1]))
            {
                end++;
            }

            var first = i;
            while (first <= end && !IsAcronym(words[first].Value) && QueryTerms.IsStopWord(Plain(words[first].Value).ToLowerInvariant()))
            {
                first++;
            }

            if (first <= end && (firstWordCounts || !(i == 0 && end == 0 && !IsAcronym(words[0].Value))))
            {
                var article = first > i
                    ? Articles.Contains(words[first - 1].Value)
                    : i > 0 && Articles.Contains(words[i - 1].Value) && IsSpace(text, words[i - 1], words[i]);
                var start = first == i && article ? words[i - 1].Index : words[first].Index;
                var titled = false;
                var nameFrom = first;
                for (var k = first; k < end; k++)
                {
                    if (Titles.Contains(Plain(words[k].Value)))
                    {
                        titled = true;
                        nameFrom = k + 1;
                    }
                }

                runs.Add(new Run(start, words[end].Index + words[end].Length - start,
                    words.Skip(nameFrom).Take(end - nameFrom + 1).Select(w => Plain(w.Value)).ToList(), article, titled,
                    words.Skip(first).Take(end - first + 1).Any(w => IsAcronym(w.Value))));
            }

            i = end;
        }

        return runs;
    }

    /// <summary>
    /// The people named in the text, in order (a name once, at its first mention). One word counts, as the full name,
    /// when the text or <paramref name="known"/> has it as the end of a full name ("Putin" after "Vladimir Putin").
    /// </summary>
    public static List<string> Persons(string text, IEnumerable<string>? known = null)
    {
        var runs = Runs(text);
        var full = runs.Where(IsFullName).Select(r => r.Name).Concat(known ?? []).ToList();
        return runs
            .Where(r => !r.HasAcronym)
            .Select(r => IsFullName(r) ? r.Name
                : r.Words.Count != 1 ? null
                : full.LastOrDefault(f => f.EndsWith(" " + r.Name, StringComparison.Ordinal)) ?? (r.Titled ? r.Name : null))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsFullName(Run run) =>
        run.Words.Count >= 2 && !run.AfterArticle && !run.HasAcronym;

    private static bool IsCapitalised(string word) => char.IsUpper(word[0]);

    private static bool IsAcronym(string word) => word.Length >= 2 && Plain(word).All(c => !char.IsLetter(c) || char.IsUpper(c));

    /// <summary>A word without its possessive ("Russia’s" → "Russia").</summary>
    private static string Plain(string word) => Possessive().Replace(word, "");

    /// <summary>Whether only white space stands between two words (or the full stop of an abbreviated title: "Mr. Putin").</summary>
    private static bool IsSpace(string text, Match before, Match after)
    {
        var gap = text.AsSpan(before.Index + before.Length, after.Index - before.Index - before.Length);
        if (gap.Length > 1 && gap[0] == '.' && before.Length <= 4 && Titles.Contains(before.Value))
        {
            gap = gap[1..];
        }

        return gap.Length > 0 && gap.IsWhiteSpace();
    }

    [GeneratedRegex(@"\p{L}[\p{L}\p{M}\-]*(?:['’]\p{L}+)?")]
    private static partial Regex Word();

    [GeneratedRegex(@"['’]s?$")]
    private static partial Regex Possessive();
}
