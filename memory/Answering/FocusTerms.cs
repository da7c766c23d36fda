using System.Text.RegularExpressions;
using BriefingBot.Memory.Briefings;

namespace BriefingBot.Memory.Answering;

/// <summary>
/// The checkable particulars of a piece of text — its names (the briefings' recogniser), numbers and time expressions —
/// and whether another text mentions them. Used to read a question's focus (<see cref="QuestionAnalysis"/>), to decide
/// whether quoted sentences cover it, and to check that a generated sentence's particulars are in its cited passages.
/// </summary>
public static partial class FocusTerms
{
    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7",
        ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["twenty"] = "20",
        ["hundred"] = "100", ["thousand"] = "1000", ["million"] = "1000000", ["billion"] = "1000000000",
        ["dozen"] = "12", ["twice"] = "2",
    };

    /// <summary>Named people, organisations and places, as written (titles, possessives and lone demonyms dropped).</summary>
    public static IReadOnlyList<string> Names(string text) => EntityRecognizer.Names(text);

    /// <summary>The numbers written in digits ("100,000" → "100000", "21st" → "21") or as number words ("ten" → "10").</summary>
    public static IReadOnlyList<string> Numbers(string text)
    {
        var numbers = new List<string>();
        foreach (Match m in Number().Matches(text))
        {
            numbers.Add(m.Groups["digits"].Success
                ? m.Groups["digits"].Value.Replace(",", "", StringComparison.Ordinal).TrimEnd('.')
                : NumberWords[m.Groups["word"].Value]);
        }

        return numbers.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Calendar words (months, weekdays) in the text, as written.</summary>
    public static IReadOnlyList<string> CalendarWords(string text) =>
        Word().Matches(text).Select(m => m.Value).Where(NewsGrammar.IsCalendarWord).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>True when the text says when: a date, a month or weekday, a year, or a relative time ("next week", "in two days").</summary>
    public static bool HasTimeExpression(string text) => TimeExpression().IsMatch(text);

    /// <summary>
    /// True when the text holds an amount: a number that is not part of a date (a day of the month, a year), or a
    /// fraction, share or round amount in words ("a third", "half", "percent", "hundreds").
    /// </summary>
    public static bool HasQuantity(string text) => Number().IsMatch(DateNumber().Replace(text, " ")) || AmountWords().IsMatch(text);

    /// <summary>True when the text holds a number, in digits or words.</summary>
    public static bool HasNumber(string text) => Number().IsMatch(text);

    /// <summary>
    /// True when <paramref name="text"/> names <paramref name="name"/>: the name or one of its aliases as whole words
    /// (an acronym in capitals must match in capitals; other forms ignore case), a place also by its adjective
    /// ("Japanese" for Japan), a person also by the surname alone.
    /// </summary>
    public static bool Mentions(string text, string name)
    {
        foreach (var form in NameAliases.FormsOf(name))
        {
            if (Contains(text, form))
            {
                return true;
            }
        }

        if (Gazetteer.IsPlace(name) && !name.Contains(' ', StringComparison.Ordinal) && name.Length >= 5)
        {
            var stem = name[..^1];
            if (Regex.IsMatch(text, @"\b" + Regex.Escape(stem) + @"\w*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            {
                return true;
            }
        }

        var parts = name.Split(['-', '–'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 1 && parts.All(p => Mentions(text, p.Trim())))
        {
            return true;
        }

        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && !Gazetteer.IsPlace(name) && words[^1].Length > 2 && char.IsUpper(words[^1][0]) && Contains(text, words[^1]);
    }

    /// <summary>
    /// Looser than <see cref="Mentions"/>: the text also counts when it has any one word of the name by which it may be
    /// referred to alone (<see cref="NameWords"/>). For deciding that nothing found is about the name at all.
    /// </summary>
    public static bool MayMention(string text, string name) => Mentions(text, name) || NameWords(name).Any(w => Contains(text, w));

    /// <summary>
    /// The words by which a name of several words may be referred to alone: its last word (a surname) and, since the
    /// recogniser may join a capitalised common word to a name ("Emma Marry"), its first; none for a place.
    /// </summary>
    public static IReadOnlyList<string> NameWords(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || Gazetteer.IsPlace(name))
        {
            return [];
        }

        return new[] { words[^1], words[0] }.Where(w => w.Length > 2 && char.IsUpper(w[0])).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// True when every number and calendar word of <paramref name="sentence"/>, and every name it gives, is in
    /// <paramref name="passage"/>: a sentence with a swapped figure, date or name is not said by the passage.
    /// </summary>
    public static bool ParticularsIn(string sentence, string passage)
    {
        var passageNumbers = Numbers(passage).ToHashSet(StringComparer.Ordinal);
        if (Numbers(sentence).Any(n => !passageNumbers.Contains(n)))
        {
            return false;
        }

        if (CalendarWords(sentence).Any(w => !Contains(passage, w)))
        {
            return false;
        }

        return Names(sentence).All(n => Mentions(passage, n) || NameWordsIn(n, passage));
    }

    /// <summary>A name the recogniser put together from several capitalised words, each of which the passage has.</summary>
    private static bool NameWordsIn(string name, string passage)
    {
        var words = name.Split([' ', '-', '–'], StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).ToList();
        return words.Count > 1 && words.All(w => Mentions(passage, w));
    }

    private static bool Contains(string text, string form)
    {
        var acronym = form.Length <= 5 && form.All(c => char.IsUpper(c) || c == '.');
        var options = RegexOptions.CultureInvariant | (acronym ? RegexOptions.None : RegexOptions.IgnoreCase);
        return Regex.IsMatch(text, @"(?<![\p{L}\p{N}])" + Regex.Escape(form) + @"(?![\p{L}\p{N}])", options);
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:(?<digits>\d+(?:[.,]\d+)*)|(?<word>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand|million|billion|dozen|twice)(?![\p{L}]))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\b\d{1,2}(?:st|nd|rd|th)?\s+(?-i:January|February|March|April|May|June|July|August|September|October|November|December)\b|\b(?-i:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?\b|\b(?:1\d|20)\d\d(?:s)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateNumber();

    [GeneratedRegex(@"\b(?:(?:a|one|two)\s+(?:third|quarter|fifth|tenth)s?|half|halved|doubled?|tripled?|percent|per\s+cent|dozens|hundreds|thousands|millions|billions|majority|minority)\b|%", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmountWords();

    [GeneratedRegex(@"\p{L}+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"\b(?:(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|(?:1\d|20)\d\d(?:s)?\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b|(?:yesterday|today|tomorrow|tonight)\b|(?:next|last|this|coming|previous|following)\s+(?:week|month|year|spring|summer|autumn|fall|winter|weekend|decade|century)\b|(?:in|within|for|after|before|over)\s+(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+(?:days?|weeks?|months?|years?|decades?|centuries|hours?)\b|\d+\s+(?:days?|weeks?|months?|years?|decades?|centuries)\s+(?:ago|later|earlier)\b|(?:early|late|mid)[\s-](?:\d{4}|century)\b|\d{1,2}(?:st|nd|rd|th)\s+century\b|century\b|(?:spring|summer|autumn|winter)\s+of\b|\bsince\s+\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeExpression();
}
