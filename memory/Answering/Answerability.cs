using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Answering;

/// <summary>
/// The answerability rule every answer path shares, read from the question's focus (<see cref="QuestionAnalysis"/>):
/// <list type="bullet">
/// <item>a named thing of the question that occurs nowhere in the memory (one full-text index look-up per form of the
/// name, never a scan) makes the answer a not-found that names it — unless other named things of the question are
/// there and it is not the one speaking, in which case it is only listed as missing;</item>
/// <item>a sentence covers a named thing when it or its immediate context (the sentence before it, the document's
/// title) names it or one of its aliases;</item>
/// <item>a "when" question needs a sentence with a time expression, "how many" one with a number.</item>
/// </list>
/// </summary>
public static class Answerability
{
    /// <summary>The named things of the question that no chunk of the memory mentions in any of their forms.</summary>
    public static async Task<IReadOnlyList<string>> AbsentEntitiesAsync(IMemoryStore store, QuestionFocus focus, CancellationToken cancellationToken)
    {
        if (focus.Entities.Count == 0)
        {
            return [];
        }

        var waysOf = focus.Entities.ToDictionary(e => e, IndexForms, StringComparer.Ordinal);
        var terms = waysOf.Values.SelectMany(ways => ways.SelectMany(w => w)).Distinct(StringComparer.Ordinal).ToList();
        var (frequencies, _) = await store.TermFrequenciesAsync(terms, cancellationToken).ConfigureAwait(false);
        return focus.Entities.Where(e => !waysOf[e].Any(way => way.All(f => frequencies.GetValueOrDefault(f) > 0))).ToList();
    }

    /// <summary>
    /// Whether the absent named things sink the whole question: all of its named things are absent, or the one whose
    /// words are asked about ("What did Japan say?") is.
    /// </summary>
    public static bool IsUnanswerable(QuestionFocus focus, IReadOnlyList<string> absent) =>
        absent.Count > 0 && (absent.Count == focus.Entities.Count || (focus.Speaker is { } speaker && absent.Any(a => speaker.Contains(a, StringComparison.Ordinal))));

    /// <summary>The not-found that names what the memory lacks: "The briefings I have don't mention Japan."</summary>
    public static Answer NotMentioned(string question, IReadOnlyList<string> absent, AnswerOptions options, string mode) =>
        Answer.NotFound(question, string.Format(System.Globalization.CultureInfo.InvariantCulture, options.NotMentionedText, Join(absent)), "A named thing of the question is nowhere in the memory", mode)
        with { Missing = absent };

    /// <summary>True when the text (a sentence with its context) gives what the answer type asks for.</summary>
    public static bool MatchesType(AnswerType type, string sentence) => type switch
    {
        AnswerType.When => FocusTerms.HasTimeExpression(sentence),
        AnswerType.Quantity => FocusTerms.HasQuantity(sentence),
        AnswerType.Who or AnswerType.Where => FocusTerms.Names(sentence).Count > 0,
        _ => true,
    };

    /// <summary>
    /// For a "when" question asking about what is to come (or what happened), whether the sentence's date is a next
    /// step (or an event), by the briefings' date resolver against the document's date.
    /// </summary>
    public static bool MatchesTense(QuestionFocus focus, string sentence, DateTimeOffset? published) =>
        focus.Type == AnswerType.When && focus.Future is { } future
        && DateResolver.Find(sentence, 0, published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null)
            .Any(d => (d.Kind == TimelineKind.NextStep) == future);

    /// <summary>Whether a missing answer type sinks the question (a date for "when", a number for "how many").</summary>
    public static bool TypeIsRequired(AnswerType type) => type is AnswerType.When or AnswerType.Quantity;

    /// <summary>How the answer type is named in a <see cref="Answer.Missing"/> list.</summary>
    public static string Describe(AnswerType type) => type switch
    {
        AnswerType.When => "a date or time",
        AnswerType.Quantity => "a number",
        AnswerType.Where => "a place",
        AnswerType.Who => "a person or organisation",
        _ => "the answer",
    };

    /// <summary>"Japan", "Japan and Turkey", "Japan, Turkey and Chile".</summary>
    public static string Join(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    /// <summary>
    /// The ways the memory may name the entity, each a set of index terms that must all occur: the name, its aliases
    /// and, for a place, its usual adjectives; a person by a single word of the name (<see cref="FocusTerms.NameWords"/>);
    /// a hyphenated pair ("Texas-Mexico") by both of its parts.
    /// </summary>
    private static List<string[]> IndexForms(string entity)
    {
        static string Term(string form) => form.Replace(".", " ", StringComparison.Ordinal).Trim().ToLowerInvariant();
        var forms = NameAliases.FormsOf(entity).Select(Term).ToList();
        if (Gazetteer.IsPlace(entity) && !entity.Contains(' ', StringComparison.Ordinal) && entity.Length >= 4)
        {
            var name = entity.ToLowerInvariant();
            var stem = name[..^1];
            forms.AddRange([name + "n", name + "ese", name + "ian", name + "i", stem + "ian", stem + "an", stem + "ish", stem]);
        }

        forms.AddRange(FocusTerms.NameWords(entity).Select(Term));
        var ways = forms.Where(f => f.Length > 1).Distinct(StringComparer.Ordinal).Select(f => new[] { f }).ToList();
        var parts = entity.Split(['-', '–'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 1)
        {
            ways.Add(parts.Select(Term).ToArray());
        }

        return ways;
    }
}
