using System.Text.RegularExpressions;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// The patterns of news attribution shared by quote attribution, reported speech and entity recognition: names (runs
/// of capitalised words), titles before names, reporting verbs, and "X said" / "said X" / "according to X".
/// </summary>
internal static partial class NewsGrammar
{
    public const string QuoteVerbs =
        "said|says|added|adds|told|tells|warned|warns|stated|claimed|claims|argued|argues|insisted|insists|replied|replies|" +
        "explained|explains|noted|continued|declared|announced|wrote|writes|asked|asks|urged|urges|stressed|acknowledged|" +
        "admitted|conceded|recalled|remarked|observed|commented|suggested|predicted|promised|vowed|cautioned|complained|" +
        "responded|answered|tweeted|posted|confirmed|denied|maintained|countered|agreed|concluded|reiterated|emphasised|emphasized";

    public const string ReportingVerbs = QuoteVerbs + "|believes|believed|accused|alleged|demanded|called for|signalled|signaled|indicated|hinted";

    private const string Word = @"\p{Lu}[\p{L}\p{M}'’\-]*";

    /// <summary>One to four capitalised words, allowing initials and name particles ("Charles de Gaulle").</summary>
    public const string Name = Word + @"(?: +(?:\p{Lu}\.|(?:de|van|von|der|bin|al|da|di|du|la|le|del|dos) +" + Word + "|" + Word + @")){0,3}";

    private const string Who = "(?<who>" + Name + @"|[Hh]e|[Ss]he)";

    private const string Role = @"(?:, *(?<role>[^,;:“”""\n.!?]{2,100}?),)";

    /// <summary>What may follow the speaker of "said X": punctuation, the end, or a word that cannot continue a noun phrase.</summary>
    private const string InversionEnd = @"(?=[,.;:!?)”""]|$| (?:on|in|at|to|according|yesterday|today|last|this|earlier|later|when|while|after|before|during|as|in|from|of)\b)";

    private const string Auxiliary = @"(?:(?:has|had|also|later|then|again|previously|once|have) +)?";

    private static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady", "President", "Vice-President",
        "Prime Minister", "Deputy Prime Minister", "Chancellor", "Minister", "Foreign Minister", "Defence Minister",
        "Defense Minister", "Foreign Secretary", "Home Secretary", "Health Secretary", "Secretary of State", "Secretary",
        "Senator", "Sen", "Rep", "Representative", "Congressman", "Congresswoman", "Governor", "Gov", "Mayor", "Gen", "Admiral", "Colonel", "Col", "Captain", "Judge", "Justice", "Ambassador", "King", "Queen", "Prince",
        "Princess", "Pope", "Chairman", "Chairwoman", "Chief Executive", "Commissioner", "Archbishop", "Bishop",
        "Chief Justice", "Attorney General", "Premier", "Sheikh", "Detective", "Sergeant", "Lieutenant",
    };

    private static readonly HashSet<string> MaleTitles = new(StringComparer.Ordinal) { "Mr", "Sir", "Lord", "King", "Prince", "Congressman", "Chairman" };

    private static readonly HashSet<string> FemaleTitles = new(StringComparer.Ordinal) { "Mrs", "Ms", "Miss", "Dame", "Lady", "Queen", "Princess", "Congresswoman", "Chairwoman" };

    /// <summary>"Donfried said", "Karen Donfried, US assistant secretary of state, said", "she added".</summary>
    [GeneratedRegex(Who + Role + @"? +" + Auxiliary + "(?<verb>" + ReportingVerbs + @")\b", RegexOptions.CultureInvariant)]
    public static partial Regex SubjectVerb();

    /// <summary>"said Donfried", "said Karen Donfried, US assistant secretary of state".</summary>
    [GeneratedRegex(@"\b(?<verb>" + QuoteVerbs + @") +(?<who>" + Name + @"|he|she)(?:, *(?<role>[^,;:“”""\n.!?]{2,100}?)(?=[,.]))?" + InversionEnd, RegexOptions.CultureInvariant)]
    public static partial Regex VerbSubject();

    /// <summary>"according to Donfried", "according to state newswire RIA Novosti".</summary>
    [GeneratedRegex(@"\b[Aa]ccording to +(?:[\p{Ll}\-]+ +){0,3}?(?<who>" + Name + ")", RegexOptions.CultureInvariant)]
    public static partial Regex AccordingTo();

    /// <summary>The attribution right after a quote: <c>,” Donfried told reporters</c>, <c>,” said Putin</c>, <c>” she added</c>.</summary>
    [GeneratedRegex(@"^[ ,;—–\-]*(?:" + Who + Role + @"? +" + Auxiliary + "(?<verb>" + QuoteVerbs + @")\b|(?<verb>" + QuoteVerbs + @") +(?<who>" + Name + @"|he|she)\b" + InversionEnd + ")", RegexOptions.CultureInvariant)]
    public static partial Regex AttributionAfter();

    /// <summary>The attribution right before a quote: <c>she replied: “</c>, <c>Donfried told reporters, “</c>.</summary>
    [GeneratedRegex(Who + Role + @"? +" + Auxiliary + "(?<verb>" + QuoteVerbs + @")\b[^“”""]{0,80}?[:,]? *$", RegexOptions.CultureInvariant)]
    public static partial Regex AttributionBefore();

    [GeneratedRegex(@"\b[Aa]ccording to +(?:[\p{Ll}\-]+ +){0,3}?(?<who>" + Name + @"),? *$", RegexOptions.CultureInvariant)]
    public static partial Regex AccordingToBefore();

    /// <summary>A full name with a descriptive apposition before its verb: "Amira Haddad, the electoral commissioner, opened…".</summary>
    [GeneratedRegex(@"(?<![Aa]ccording to )(?<who>" + Name + @"), (?<role>(?:the|a|an|[\p{Ll}])[^,;:“”""\n.!?]{2,100}?), (?!(?:and|but|or|so|while|which|who|as|then|yet|although|though)\b)\p{Ll}", RegexOptions.CultureInvariant)]
    public static partial Regex Apposition();

    [GeneratedRegex(Name, RegexOptions.CultureInvariant)]
    public static partial Regex NameRun();

    public static bool IsPronoun(string who) => who is "he" or "He" or "she" or "She";

    /// <summary>Splits a leading title ("President Vladimir Putin" → "President", "Vladimir Putin").</summary>
    public static (string? Title, string Name) SplitTitle(string name)
    {
        string? title = null;
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var take = Math.Min(3, words.Length - 1); take >= 1; take--)
        {
            var candidate = string.Join(' ', words.Take(take)).TrimEnd('.');
            if (Titles.Contains(candidate))
            {
                title = candidate;
                return (title, string.Join(' ', words.Skip(take)));
            }
        }

        return (null, name);
    }

    private static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal) { "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady" };

    /// <summary>A form of address (Mr, Ms, Dr, Sir…) rather than a role.</summary>
    public static bool IsHonorific(string title) => Honorifics.Contains(title);

    /// <summary>'m', 'f' or null, from a title such as Mr or Mrs.</summary>
    public static char? GenderOfTitle(string? title) =>
        title is null ? null : MaleTitles.Contains(title) ? 'm' : FemaleTitles.Contains(title) ? 'f' : null;

    /// <summary>
    /// Drops capitalised function words that start a sentence or clause ("But Putin" → "Putin", "The Kremlin" →
    /// "Kremlin"); null when nothing of a name is left.
    /// </summary>
    public static string? TrimLeadingFunctionWords(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 0 && Language.QueryTerms.IsStopWord(words[0].ToLowerInvariant()))
        {
            words.RemoveAt(0);
        }

        return words.Count == 0 ? null : string.Join(' ', words);
    }

    private static readonly HashSet<string> CalendarWords = new(StringComparer.Ordinal)
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
        "May", "June", "July", "August", "September", "October", "November", "December",
    };

    public static bool IsCalendarWord(string word) => CalendarWords.Contains(word);

    /// <summary>
    /// The name in a captured run: leading function words, titles and calendar words dropped, possessive removed;
    /// null when nothing of a name is left.
    /// </summary>
    public static (string? Title, string Name)? CleanName(string run)
    {
        var words = StripPossessive(run).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var lastCalendar = words.FindLastIndex(IsCalendarWord);
        words.RemoveRange(0, lastCalendar + 1);
        var trimmed = TrimLeadingFunctionWords(string.Join(' ', words));
        if (trimmed is null)
        {
            return null;
        }

        var (title, name) = SplitTitle(trimmed);
        return name.Length == 0 ? null : (title, name);
    }

    /// <summary>Removes a possessive ending ("Putin’s" → "Putin").</summary>
    public static string StripPossessive(string name) =>
        name.EndsWith("’s", StringComparison.Ordinal) || name.EndsWith("'s", StringComparison.Ordinal) ? name[..^2]
        : name.EndsWith('’') || name.EndsWith('\'') ? name[..^1]
        : name;
}
