using System.Text.RegularExpressions;
using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Who speaks where in one document. Names are reduced to their fullest form ("Donfried" → "Karen Donfried"), roles
/// come from appositions ("Karen Donfried, US assistant secretary of state, said"; "Amira Haddad, the electoral
/// commissioner, opened…") or titles ("President Vladimir Putin"), and "he"/"she" resolve to the most recent named speaker whose gender is unknown or agrees (learned from
/// titles such as Mr/Ms and from earlier pronouns).
/// </summary>
internal sealed class SpeakerTracker
{
    /// <summary>The verb recorded for "according to X": X is a source, not an antecedent for "he" or "she".</summary>
    public const string AccordingTo = "according to";

    private readonly Dictionary<string, string> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _appositions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _titles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, char> _genders = new(StringComparer.Ordinal);
    private readonly List<string> _fullNames = [];
    private readonly List<SpeakerMention> _mentions = [];

    private SpeakerTracker()
    {
    }

    public IReadOnlyList<SpeakerMention> Mentions => _mentions;

    public static SpeakerTracker Build(string text)
    {
        var tracker = new SpeakerTracker();
        tracker.CollectNames(text);
        tracker.CollectMentions(text);
        return tracker;
    }

    /// <summary>The role of a speaker (by canonical name): an apposition first, else a title.</summary>
    public string? RoleOf(string speaker) =>
        _roles.TryGetValue(speaker, out var role) ? role
        : _appositions.TryGetValue(speaker, out var apposition) ? apposition
        : _titles.GetValueOrDefault(speaker);

    /// <summary>The mention whose speaker phrase starts at <paramref name="position"/>.</summary>
    public SpeakerMention? MentionAt(int position) => _mentions.FirstOrDefault(m => m.Who.Start == position);

    /// <summary>The speakers named inside a range, in order.</summary>
    public IEnumerable<SpeakerMention> MentionsWithin(TextSpan range) => _mentions.Where(m => m.Who.Start >= range.Start && m.Who.End <= range.End);

    /// <summary>The fullest form of a name in this document: a surname alone becomes the full name it shortens.</summary>
    public string Canonical(string name)
    {
        var words = name.Split(' ');
        if (words.Length > 1)
        {
            return name;
        }

        return _fullNames
            .Where(f => f.EndsWith(" " + name, StringComparison.Ordinal))
            .GroupBy(f => f)
            .OrderByDescending(g => g.Count())
            .ThenByDescending(g => g.Key.Length)
            .Select(g => g.Key)
            .FirstOrDefault() ?? name;
    }

    /// <summary>Resolves a speaker phrase at a position: a name to its canonical form, a pronoun to its antecedent.</summary>
    public string? Resolve(string who, int position)
    {
        if (NewsGrammar.IsPronoun(who))
        {
            return ResolvePronoun(who, position);
        }

        return NewsGrammar.CleanName(who) is { } cleaned ? Canonical(cleaned.Name) : null;
    }

    private void CollectNames(string text)
    {
        foreach (Match match in NewsGrammar.NameRun().Matches(text))
        {
            if (NewsGrammar.CleanName(match.Value) is not { } cleaned)
            {
                continue;
            }

            if (cleaned.Name.Contains(' ', StringComparison.Ordinal))
            {
                _fullNames.Add(cleaned.Name);
            }

            if (cleaned.Title is { } title)
            {
                var canonical = Canonical(cleaned.Name);
                if (!NewsGrammar.IsHonorific(title))
                {
                    _titles.TryAdd(canonical, title);
                }

                if (NewsGrammar.GenderOfTitle(title) is { } gender)
                {
                    _genders.TryAdd(canonical, gender);
                }
            }
        }

        foreach (Match match in NewsGrammar.Apposition().Matches(text))
        {
            if (NewsGrammar.CleanName(match.Groups["who"].Value) is { } cleaned && cleaned.Name.Contains(' ', StringComparison.Ordinal)
                && !Gazetteer.IsPlace(cleaned.Name) && IsRole(match.Groups["role"].Value))
            {
                _appositions.TryAdd(cleaned.Name, match.Groups["role"].Value.Trim());
            }
        }

        foreach (var (name, title) in _titles.ToList())
        {
            var canonical = Canonical(name);
            if (canonical != name)
            {
                _titles.TryAdd(canonical, title);
            }
        }
    }

    private void CollectMentions(string text)
    {
        var found = new List<(TextSpan Who, string Verb, string Text, string? Role)>();
        foreach (var regex in new[] { NewsGrammar.SubjectVerb(), NewsGrammar.VerbSubject(), NewsGrammar.AccordingTo() })
        {
            foreach (Match match in regex.Matches(text))
            {
                var who = match.Groups["who"];
                var verb = match.Groups["verb"].Success ? match.Groups["verb"].Value : AccordingTo;
                var role = match.Groups["role"].Success ? match.Groups["role"].Value.Trim() : null;
                found.Add((new TextSpan(who.Index, who.Index + who.Length), verb, who.Value, role));
            }
        }

        foreach (var (who, verb, whoText, role) in found.DistinctBy(f => f.Who.Start).OrderBy(f => f.Who.Start))
        {
            if (whoText.EndsWith("’s", StringComparison.Ordinal) || whoText.EndsWith("'s", StringComparison.Ordinal))
            {
                continue;
            }

            var pronoun = NewsGrammar.IsPronoun(whoText);
            string? speaker;
            if (pronoun)
            {
                speaker = ResolvePronoun(whoText, who.Start);
            }
            else
            {
                if (NewsGrammar.CleanName(whoText) is not { } cleaned)
                {
                    continue;
                }

                if (role is not null && !IsRole(role))
                {
                    continue;
                }

                speaker = Canonical(cleaned.Name);
                if (role is not null)
                {
                    _roles.TryAdd(speaker, role);
                }
            }

            if (speaker is not null)
            {
                _mentions.Add(new SpeakerMention(who, verb, speaker, pronoun));
            }
        }
    }

    private string? ResolvePronoun(string pronoun, int position)
    {
        var gender = char.ToLowerInvariant(pronoun[0]) == 'h' ? 'm' : 'f';
        for (var i = _mentions.Count - 1; i >= 0; i--)
        {
            var mention = _mentions[i];
            if (mention.Who.Start >= position || mention.IsPronoun || mention.Verb == AccordingTo)
            {
                continue;
            }

            if (_genders.TryGetValue(mention.Speaker, out var known) && known != gender)
            {
                continue;
            }

            _genders.TryAdd(mention.Speaker, gender);
            return mention.Speaker;
        }

        return null;
    }

    private static bool IsRole(string role)
    {
        var words = role.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 12 || role.All(c => char.IsDigit(c) || c == ' '))
        {
            return false;
        }

        var first = words[0].ToLowerInvariant();
        return first is not ("who" or "which" or "that" or "and" or "but" or "when" or "while" or "if" or "as" or "although" or "though" or "because")
            && !words.Any(w => w.ToLowerInvariant() is "he" or "she" or "they" or "we" or "i" or "you" or "it" or "that" or "which" or "who")
            && !System.Text.RegularExpressions.Regex.IsMatch(role, $@"\b(?:{NewsGrammar.ReportingVerbs})\b");
    }
}
