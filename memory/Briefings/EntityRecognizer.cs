using System.Text.RegularExpressions;
using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Rule-based recognition of people, organisations and places over runs of capitalised words, using evidence from the
/// whole document:
/// <list type="bullet">
/// <item>Places: the gazetteer (countries, capitals, continents, regions), a geographic head word ("River Senne",
/// "Kestrel Valley"), or a preposition of place before an otherwise unexplained name ("in Kharkiv").</item>
/// <item>Organisations: a closing word such as Bank, Ministry, Council or Inc; an acronym (all capitals) or a name
/// defined by one in brackets (not the acronyms of common things such as TV or GDP); a following word such as "member states", "spokesman" or "officials"; a preceding word
/// such as "newswire" or "company"; or "the" before a name that is neither a person nor a place ("the Kremlin").</item>
/// <item>People: a title before the name (President, Mr, Dr…), an apposition giving a role, or being the subject of
/// a reporting verb; a surname alone counts as the full name it shortens.</item>
/// </list>
/// Names with no such evidence are left out rather than guessed.
/// </summary>
internal static partial class EntityRecognizer
{
    private static readonly HashSet<string> OrganisationHeads = new(StringComparer.Ordinal)
    {
        "Inc", "Ltd", "Corp", "Corporation", "Company", "Co", "Plc", "PLC", "LLC", "Group", "Holdings", "Bank", "Association",
        "Organisation", "Organization", "Council", "Commission", "Ministry", "Department", "Party", "Union", "Agency",
        "University", "College", "School", "Committee", "Institute", "Institution", "Foundation", "Network", "Court",
        "Parliament", "Congress", "Senate", "Assembly", "Office", "Fund", "Alliance", "Federation", "Authority", "Service",
        "Services", "Board", "Bureau", "Airlines", "Airways", "Motors", "Bros", "Studios", "Records", "Society", "League",
        "Club", "Forces", "Army", "Navy", "Police", "Times", "Post", "News", "Press", "Journal", "Telegraph", "Guardian",
        "Exchange", "Reserve", "Trust", "Partners", "Systems", "Technologies", "Industries", "Media", "Centre", "Center",
        "Academy", "Museum", "Church", "Cabinet", "Secretariat", "Tribunal", "Programme", "Pictures", "Entertainment",
        "Research", "Labs", "Laboratories", "Software", "Electronics", "Communications", "Energy", "Capital", "Securities",
    };

    private static readonly HashSet<string> PlaceHeads = new(StringComparer.Ordinal)
    {
        "River", "Lake", "Mount", "Mountains", "Valley", "Sea", "Ocean", "Island", "Islands", "Bay", "Coast", "Street",
        "Square", "Road", "Avenue", "Airport", "Province", "County", "Region", "District", "Peninsula", "Desert", "Forest",
        "Strait", "Canal", "Harbour", "Harbor",
    };

    /// <summary>Acronyms of common things, not of organisations.</summary>
    private static readonly HashSet<string> CommonAcronyms = new(StringComparer.Ordinal)
    {
        "TV", "PC", "PCs", "MP", "MPs", "MEP", "MEPs", "CEO", "CFO", "GDP", "AI", "VCR", "DVD", "DVDs", "CD", "CDs", "SMS",
        "PIN", "ID", "IT", "UFO", "HIV", "AIDS", "DNA", "FAQ", "GPS", "USB", "LCD", "PDF", "HD", "3G", "4G", "5G", "OK",
        "AM", "PM", "BC", "AD", "VAT", "IPO", "CCTV", "MRI", "PhD", "MBA", "HQ", "PR", "RAM", "CPU", "VIP", "DJ", "MC",
    };

    private static readonly HashSet<string> OrganisationHeadsBeforeOf = new(StringComparer.Ordinal)
    {
        "Bank", "University", "Ministry", "Department", "Organisation", "Organization", "Institute", "Council", "Court",
        "Office", "Commission", "Federation", "Union", "Association", "League", "House", "Chamber", "Church", "Republic",
        "Kingdom", "States", "Party", "Board", "Bureau", "School", "College", "Museum", "Society", "Agency", "Fund",
        "Centre", "Center", "Academy", "Committee", "Corporation", "Secretary", "Minister",
    };

    private static readonly HashSet<string> OrganisationNextWords = new(StringComparer.Ordinal)
    {
        "member", "members", "allies", "alliance", "spokesman", "spokeswoman", "spokesperson", "officials", "headquarters",
        "chief", "summit", "leadership", "shares", "shareholders", "executives", "subsidiary", "employees", "staff",
        "board", "chairman", "boss", "bosses", "secretary-general", "envoy", "delegation", "troops", "forces",
    };

    private static readonly HashSet<string> OrganisationPreviousWords = new(StringComparer.Ordinal)
    {
        "newswire", "newspaper", "agency", "broadcaster", "firm", "company", "group", "bank", "party", "network", "carrier",
        "airline", "retailer", "club", "giant", "maker", "publisher", "regulator", "insurer", "lender", "watchdog", "outlet",
        "channel", "label", "studio", "operator", "manufacturer", "organisation", "organization", "charity", "union",
    };

    private static readonly HashSet<string> PlacePrepositions = new(StringComparer.Ordinal)
    {
        "in", "at", "near", "across", "throughout", "outside", "inside", "around", "from", "towards", "via",
    };

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "for", "and", "in", "on", "the", "de" };

    public static List<FoundEntity> Recognize(string text, SpeakerTracker tracker)
    {
        var occurrences = Candidates(text);
        var acronyms = DefinedAcronyms(text, occurrences);
        var groups = occurrences
            .GroupBy(o => acronyms.GetValueOrDefault(o.Name) ?? CanonicalName(o, tracker))
            .ToList();
        var speakers = tracker.Mentions.Where(m => !m.IsPronoun && m.Verb != SpeakerTracker.AccordingTo).Select(m => m.Speaker).ToHashSet(StringComparer.Ordinal);

        var entities = new List<FoundEntity>();
        foreach (var group in groups)
        {
            var kind = Classify(group.Key, group.ToList(), acronyms, speakers, tracker);
            if (kind is null)
            {
                continue;
            }

            var role = kind == EntityKind.Person ? tracker.RoleOf(group.Key) : null;
            entities.Add(new FoundEntity(group.Key, kind.Value, role, group.Select(o => o.Span).OrderBy(s => s.Start).ToList()));
        }

        return entities;
    }

    /// <summary>
    /// The names of a short text with no document around it to give evidence (a question, one generated sentence):
    /// every capitalised run that survives the clean-up (function words, calendar words, titles, lone demonyms). A lone
    /// capitalised word opening a sentence counts only when it is a known place or alias, an acronym, or the subject of
    /// a reporting verb ("Donfried said"), since any word is capitalised there.
    /// </summary>
    public static List<string> Names(string text)
    {
        var sentenceStarts = SentenceSplitter.Split(text).Select(s => s.Start).ToHashSet();
        return Candidates(text)
            .Where(o => !sentenceStarts.Contains(o.Span.Start) || o.Name.Contains(' ', StringComparison.Ordinal)
                || Gazetteer.IsPlace(o.Name) || Answering.NameAliases.IsKnown(o.Name) || IsAcronym(o.Name)
                || ReportingVerbAfter().IsMatch(text, o.Span.End))
            .Select(o => o.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static EntityKind? Classify(string name, List<Occurrence> occurrences, Dictionary<string, string> acronyms, HashSet<string> speakers, SpeakerTracker tracker)
    {
        var words = name.Split(' ');
        if (Gazetteer.IsPlace(name) || occurrences.All(o => Gazetteer.IsPlace(o.Name)))
        {
            return EntityKind.Place;
        }

        if (OrganisationHeads.Contains(words[^1]) || occurrences.Any(o => IsAcronym(o.Name)) || acronyms.ContainsValue(name))
        {
            return EntityKind.Organisation;
        }

        if (words.Length > 1 && (PlaceHeads.Contains(words[0]) || PlaceHeads.Contains(words[^1])))
        {
            return EntityKind.Place;
        }

        if (occurrences.Any(o => o.Title is not null) || tracker.RoleOf(name) is not null)
        {
            return EntityKind.Person;
        }

        if (occurrences.Any(o => OrganisationNextWords.Contains(o.Next) || OrganisationPreviousWords.Contains(o.Previous))
            || occurrences.Any(o => o.Previous == "the"))
        {
            return EntityKind.Organisation;
        }

        if (speakers.Contains(name) && words.All(w => w.Length > 1 && char.IsUpper(w[0])))
        {
            return EntityKind.Person;
        }

        if (occurrences.Any(o => PlacePrepositions.Contains(o.Previous)) && !occurrences.Any(o => Gazetteer.IsDemonym(o.Name)))
        {
            return EntityKind.Place;
        }

        return null;
    }

    private static string CanonicalName(Occurrence occurrence, SpeakerTracker tracker) =>
        occurrence.Name.Contains(' ', StringComparison.Ordinal) || Gazetteer.IsPlace(occurrence.Name) || occurrence.Name.All(c => !char.IsLower(c))
            ? occurrence.Name
            : tracker.Canonical(occurrence.Name);

    /// <summary>"Organization for Security and Co-operation in Europe (OSCE)": the acronym stands for the long name.</summary>
    private static Dictionary<string, string> DefinedAcronyms(string text, List<Occurrence> occurrences)
    {
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in occurrences.Where(o => o.Name.Contains(' ', StringComparison.Ordinal)))
        {
            var after = AcronymInBrackets().Match(text, o.Span.End);
            if (after.Success && after.Index == o.Span.End)
            {
                var initials = new string(o.Name.Split(' ', '-').Where(w => w.Length > 0 && char.IsUpper(w[0])).Select(w => w[0]).ToArray());
                var acronym = after.Groups[1].Value;
                if (initials.Length >= 2 && acronym.Replace(".", "", StringComparison.Ordinal).All(initials.Contains))
                {
                    defined[acronym] = o.Name;
                }
            }
        }

        return defined;
    }

    private static bool IsAcronym(string name) =>
        !CommonAcronyms.Contains(name) && name.Length is >= 2 and <= 6 && name.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '.') && name.Count(char.IsUpper) >= 2;

    private static List<Occurrence> Candidates(string text)
    {
        var occurrences = new List<Occurrence>();
        var sentenceStarts = SentenceSplitter.Split(text).Select(s => s.Start).ToHashSet();
        foreach (Match run in CapitalisedRun().Matches(text))
        {
            foreach (var part in SplitAtConnectors(text, run))
            {
                AddOccurrence(text, part, sentenceStarts, occurrences);
            }
        }

        return occurrences;
    }

    private static IEnumerable<TextSpan> SplitAtConnectors(string text, Match run)
    {
        var words = WordPattern().Matches(run.Value).Select(m => new TextSpan(run.Index + m.Index, run.Index + m.Index + m.Length)).ToList();
        var keepWhole = AcronymInBrackets().Match(text, run.Index + run.Length) is { Success: true } a && a.Index == run.Index + run.Length;
        var start = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Of(text);
            if (!Connectors.Contains(word))
            {
                continue;
            }

            var previous = i > 0 ? words[i - 1].Of(text) : "";
            var joins = keepWhole || (word is "of" or "for" && OrganisationHeadsBeforeOf.Contains(previous));
            if (!joins)
            {
                if (i > start)
                {
                    yield return new TextSpan(words[start].Start, words[i - 1].End);
                }

                start = i + 1;
            }
        }

        if (start < words.Count)
        {
            yield return new TextSpan(words[start].Start, words[^1].End);
        }
    }

    private static void AddOccurrence(string text, TextSpan span, HashSet<int> sentenceStarts, List<Occurrence> occurrences)
    {
        var raw = span.Of(text);
        var words = raw.Split(' ').ToList();
        var start = span.Start;
        string? title = null;
        while (words.Count > 0 && (QueryTerms.IsStopWord(words[0].ToLowerInvariant()) || NewsGrammar.IsCalendarWord(words[0])
            || (sentenceStarts.Contains(start) && words.Count == 1 && !char.IsUpper(words[0][^1]) && text.Contains(" " + words[0].ToLowerInvariant() + " ", StringComparison.Ordinal))))
        {
            start += words[0].Length + 1;
            words.RemoveAt(0);
        }

        if (words.Count > 0)
        {
            var (t, rest) = NewsGrammar.SplitTitle(string.Join(' ', words));
            if (t is not null && rest.Length > 0)
            {
                title = t;
                start += string.Join(' ', words).Length - rest.Length;
                words = rest.Split(' ').ToList();
            }
            else if (t is not null)
            {
                words.Clear();
            }
        }

        if (words.Count == 0)
        {
            return;
        }

        var name = NewsGrammar.StripPossessive(string.Join(' ', words));
        if (name.Length < 2 || (words.Count == 1 && (Gazetteer.IsDemonym(name) || name.EndsWith("ians", StringComparison.Ordinal) || name.EndsWith("ans", StringComparison.Ordinal) && !Gazetteer.IsPlace(name))))
        {
            return;
        }

        var previous = PreviousWord(text, start);
        var next = NextWord(text, start + name.Length);
        occurrences.Add(new Occurrence(name, new TextSpan(start, start + name.Length), title, previous, next));
    }

    private static string PreviousWord(string text, int position)
    {
        var end = position;
        while (end > 0 && text[end - 1] == ' ')
        {
            end--;
        }

        var start = end;
        while (start > 0 && (char.IsLetter(text[start - 1]) || text[start - 1] == '-'))
        {
            start--;
        }

        return text[start..end].ToLowerInvariant();
    }

    private static string NextWord(string text, int position)
    {
        var start = position;
        while (start < text.Length && (text[start] is ' ' or '’' or '\'' || (start > position && text[start] == 's' && text[start - 1] is '’' or '\'')))
        {
            start++;
        }

        var end = start;
        while (end < text.Length && (char.IsLetter(text[end]) || text[end] == '-'))
        {
            end++;
        }

        return text[start..end];
    }

    [GeneratedRegex(@"(?:\p{Lu}\.){2,}|\p{Lu}[\p{L}\p{M}\p{N}'’&\-]*(?: +(?:(?:of|for|and|in|on|the|de)(?: +the)? +)?\p{Lu}[\p{L}\p{M}\p{N}'’&\-]*)*", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedRun();

    [GeneratedRegex(@"\S+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\G \((\p{Lu}[\p{Lu}\p{N}.]{1,7})\)", RegexOptions.CultureInvariant)]
    private static partial Regex AcronymInBrackets();

    [GeneratedRegex(@"\G(?:’s|'s)? +(?:has +|had +|also +)?(?:" + NewsGrammar.ReportingVerbs + @")\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReportingVerbAfter();

    private sealed record Occurrence(string Name, TextSpan Span, string? Title, string Previous, string Next);
}
