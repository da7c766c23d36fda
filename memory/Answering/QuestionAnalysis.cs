using System.Text.RegularExpressions;
using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Answering;

/// <summary>What kind of answer a question asks for.</summary>
public enum AnswerType
{
    /// <summary>Anything else ("What is Russia asking for?").</summary>
    Other,
    Who,
    When,
    Where,
    /// <summary>How many / how much: the answer holds a number.</summary>
    Quantity,
    Why,
    /// <summary>What did X say / demand / want …: the answer is something X said or asked for.</summary>
    Statement,
    YesNo,
    /// <summary>What is X / who is X / what does X mean.</summary>
    Definition,
}

/// <summary>
/// A question's focus: the named people, organisations and places it is about, its numbers and calendar words, its
/// content words, and the kind of answer it asks for (with, for a what-did-X-say question, X and the verb).
/// </summary>
public sealed record QuestionFocus
{
    public required string Question { get; init; }

    public required AnswerType Type { get; init; }

    public required IReadOnlyList<string> Entities { get; init; }

    /// <summary>
    /// Names the question gives as where something was published ("as reported by TechCrunch", "the article from
    /// Polygon"): not what it asks about, so they are not part of <see cref="Entities"/> and their absence from the
    /// passages' text sinks nothing.
    /// </summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    public required IReadOnlyList<string> Numbers { get; init; }

    public required IReadOnlyList<string> CalendarWords { get; init; }

    public required IReadOnlyList<string> ContentWords { get; init; }

    /// <summary>True when the question asks about what is to come ("When will …"), false about the past ("When did …"), else null.</summary>
    public bool? Future { get; init; }

    /// <summary>For <see cref="AnswerType.Statement"/>: who said or asked ("Russia" in "What did Russia demand?").</summary>
    public string? Speaker { get; init; }

    /// <summary>For <see cref="AnswerType.Statement"/>: the verb asked about, as in the question ("demand", "say").</summary>
    public string? Verb { get; init; }
}

/// <summary>
/// Reads a question's focus (<see cref="QuestionFocus"/>), one way for every answer path: extractive and generative
/// answers and briefings. Names come from the briefings' entity recogniser, aliases from <see cref="NameAliases"/>.
/// </summary>
public static partial class QuestionAnalysis
{
    public static QuestionFocus Analyze(string question)
    {
        var text = question.Trim();
        var names = FocusTerms.Names(text).ToList();
        var sources = SourcesAmong(text, names);
        var entities = names.Except(sources).ToList();
        var (type, speaker, verb) = Classify(text, entities);
        return new QuestionFocus
        {
            Question = question,
            Type = type,
            Entities = entities,
            Sources = sources,
            Numbers = FocusTerms.Numbers(text),
            CalendarWords = FocusTerms.CalendarWords(text),
            ContentWords = QueryTerms.ContentWords(text),
            Speaker = speaker,
            Verb = verb,
            Future = FutureCue().IsMatch(text) ? true : PastCue().IsMatch(text) ? false : null,
        };
    }

    /// <summary>
    /// The names that follow a cue of publication ("reported by", "according to", "articles from", "covered by both"),
    /// alone or in a list of names joined by commas, "and", quotes or dashes.
    /// </summary>
    private static List<string> SourcesAmong(string question, List<string> names)
    {
        var sources = new List<string>();
        var masked = question;
        var positions = new List<(string Name, int Index)>();
        foreach (var name in names)
        {
            var index = masked.IndexOf(name, StringComparison.Ordinal);
            if (index < 0)
            {
                continue;
            }

            positions.Add((name, index));
            masked = masked[..index] + new string('\u0001', name.Length) + masked[(index + name.Length)..];
        }

        foreach (var (name, index) in positions)
        {
            if (SourceCue().IsMatch(masked[..index]))
            {
                sources.Add(name);
            }
        }

        return sources;
    }

    private static (AnswerType Type, string? Speaker, string? Verb) Classify(string question, List<string> entities)
    {
        var q = Regex.Replace(question, @"^\s*(?:(?:and|but|so|ok|okay|please|also)\b[,\s]*)+", "", RegexOptions.IgnoreCase);
        var statement = Statement().Match(q);
        if (statement.Success)
        {
            var who = statement.Groups["who"].Value;
            var speaker = entities.FirstOrDefault(e => who.Contains(e, StringComparison.Ordinal)) ?? who;
            return (AnswerType.Statement, speaker, statement.Groups["verb"].Value.ToLowerInvariant());
        }

        if (Quantity().IsMatch(q))
        {
            return (AnswerType.Quantity, null, null);
        }

        if (When().IsMatch(q))
        {
            return (AnswerType.When, null, null);
        }

        if (Where().IsMatch(q))
        {
            return (AnswerType.Where, null, null);
        }

        if (Why().IsMatch(q))
        {
            return (AnswerType.Why, null, null);
        }

        if (Definition().IsMatch(q))
        {
            return (AnswerType.Definition, null, null);
        }

        if (Who().IsMatch(q))
        {
            return (AnswerType.Who, null, null);
        }

        if (YesNo().IsMatch(q) && !Alternative().IsMatch(q))
        {
            return (AnswerType.YesNo, null, null);
        }

        return (AnswerType.Other, null, null);
    }

    [GeneratedRegex(@"(?:\b(?:reported|covered|published|written|discussed|mentioned|featured|highlighted)\s+(?:by|in|on)|\baccording\s+to|\bas\s+per|\b(?:articles?|pieces?|stor(?:y|ies)|reports?|coverage|outlets?|sources?)\s+(?:from|by|in|on))(?:\s|\bboth\b|\bthe\b|\band\b|\bor\b|\bas\s+well\s+as\b|[,'""‘’“”\-–|&]|\u0001)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceCue();

    /// <summary>"What did Russia demand?", "What has the Kremlin said about…", "What does Nato want?".</summary>
    [GeneratedRegex(@"^\s*what\s+(?:did|does|do|has|have|had|is|are|was|were)\s+(?<who>(?:the\s+)?\p{Lu}[\p{L}\p{M}.'’\-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’\-]*){0,3})\s+(?:(?:also|actually|officially|publicly|just)\s+)?(?<verb>say|said|saying|tell|told|telling|demand|demanded|demanding|want|wanted|wanting|ask|asked|asking|propose|proposed|proposing|claim|claimed|claiming|announce|announced|announcing|warn|warned|warning|offer|offered|offering|promise|promised|promising|call\s+for|called\s+for|calling\s+for|insist|insisted|argue|argued|suggest|suggested|reply|replied|respond|responded|think|thought|believe|believed|request|requested|seek|sought|seeking)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Statement();

    [GeneratedRegex(@"\bhow\s+(?:many|much|often|long|far|old|big|large|high|tall|fast)\b|\bwhat\s+(?:number|percentage|proportion|share|amount|fraction|sum|price|cost)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();

    [GeneratedRegex(@"^\s*(?:when|since\s+when|until\s+when)\b|\b(?:what|which)\s+(?:year|date|day|month|time|century|decade|period|era|season)\b|\bin\s+what\s+year\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex When();

    [GeneratedRegex(@"^\s*(?:where|from\s+where)\b|\b(?:what|which)\s+(?:country|city|place|town|region|state|location|continent|province|venue)\b|\bin\s+what\s+(?:country|city|place)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Where();

    [GeneratedRegex(@"^\s*why\b|\bwhat\s+(?:is|was|are|were)\s+the\s+(?:reason|cause|purpose|motive)s?\b|\bfor\s+what\s+reason\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Why();

    [GeneratedRegex(@"^\s*(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?[\p{L}\p{M}\p{N}.'’\-]+(?:\s+[\p{L}\p{M}\p{N}.'’\-]+){0,3}\s*\??\s*$|^\s*what\s+does\s+.+\s+mean\b|^\s*define\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Definition();

    [GeneratedRegex(@"^\s*(?:who|whom|whose)\b|\b(?:which|what)\s+(?:person|people|man|woman|official|leader|minister|president|company|organi[sz]ation|group|team|party|country|nation|government)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Who();

    [GeneratedRegex(@"^\s*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|shall|must|may|might|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|don['’]t|doesn['’]t|didn['’]t|hasn['’]t|haven['’]t|won['’]t|can['’]t)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YesNo();

    [GeneratedRegex(@"\b(?:will|shall|going\s+to|next|due|planned|scheduled|upcoming|expected\s+to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FutureCue();

    [GeneratedRegex(@"\b(?:did|was|were|had|ago|last)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastCue();

    [GeneratedRegex(@"\bor\b(?!\s+not\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Alternative();
}
