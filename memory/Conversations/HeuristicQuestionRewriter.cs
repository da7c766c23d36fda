using System.Text.RegularExpressions;
using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Conversations;

/// <summary>
/// Follow-ups without a model. A question is a follow-up when it
/// <list type="bullet">
/// <item>opens like a continuation ("and …", "but …", "also …", "what about …", "how about …"),</item>
/// <item>refers back with a pronoun (it, its, they, them, their, he, him, his, she, her, this, these, those, or a
/// final "that"), or</item>
/// <item>has fewer than two content words ("And Ukraine?").</item>
/// </list>
/// A follow-up is made standalone from the previous turn, in this order:
/// <list type="number">
/// <item>Elliptical, naming something ("And Putin?", "What about the United States?"): the previous question with its
/// first named thing (<see cref="NamedThings"/>) replaced, so after "What did Russia demand?" it becomes "What did Putin
/// demand?".</item>
/// <item>A personal pronoun (he, she, him, his, her, hers): the pronoun replaced by the person the previous question
/// named (its last one), else the first person the previous answer names: after "Who is Karen Donfried?", "What did
/// she say about sanctions?" becomes "What did Karen Donfried say about sanctions?".</item>
/// <item>Otherwise the previous topic is carried: the content words of the previous standalone question that the
/// follow-up does not already have (at most <see cref="MaxCarriedTerms"/>), appended as <c>(about: …)</c>. So after
/// "What did Russia demand at the talks?", "and what did the US say about it?" becomes "and what did the US say about
/// it? (about: russia demand talks)".</item>
/// </list>
/// Other questions are returned unchanged, and so is every question of a conversation without turns (after
/// <c>reset</c>).
/// </summary>
public sealed partial class HeuristicQuestionRewriter : IQuestionRewriter
{
    public const int MaxCarriedTerms = 6;

    private static readonly string[] ContinuationOpenings =
    [
        "and", "but", "also", "so", "then", "or", "what about", "how about", "what else", "anything else", "how so", "same for",
    ];

    private static readonly HashSet<string> ReferringPronouns = new(StringComparer.Ordinal)
    {
        "it", "its", "they", "them", "their", "theirs", "he", "him", "his", "she", "her", "hers", "this", "these", "those",
    };

    private static readonly HashSet<string> NeutralPronouns = new(StringComparer.Ordinal)
    {
        "it", "its", "they", "them", "their", "theirs", "this", "these", "those",
    };

    /// <summary>Words that make "and …" a question of its own rather than a named thing.</summary>
    private static readonly HashSet<string> NotANounPhrase = new(StringComparer.Ordinal)
    {
        "what", "who", "whom", "whose", "which", "why", "how", "when", "where", "did", "does", "do", "is", "are", "was",
        "were", "has", "have", "had", "can", "could", "will", "would", "should", "said", "say", "says",
        "it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "hers", "this", "these", "those", "that",
    };

    public Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> recent, CancellationToken cancellationToken = default) =>
        Task.FromResult(Rewrite(question, recent));

    public static string Rewrite(string question, IReadOnlyList<ConversationTurn> recent)
    {
        var previous = recent.LastOrDefault();
        if (previous is null || !IsFollowUp(question))
        {
            return question;
        }

        if (Substituted(question, StripCarried(previous.StandaloneQuestion)) is { } substituted)
        {
            return substituted;
        }

        var resolved = ResolvePersons(question, previous);
        if (resolved != question && !QueryTerms.Words(resolved).Any(NeutralPronouns.Contains))
        {
            return resolved;
        }

        return Carried(resolved, previous);
    }

    /// <summary>"And X?" with X a name (and an article): the previous question with its first named thing replaced by X; null otherwise.</summary>
    private static string? Substituted(string question, string previous)
    {
        var match = Elliptical().Match(question);
        if (!match.Success)
        {
            return null;
        }

        var subject = match.Groups["x"].Value.Trim();
        var words = QueryTerms.Words(subject);
        var named = NamedThings.Runs(subject, firstWordCounts: true).SelectMany(r => QueryTerms.Words(r.Name)).ToHashSet(StringComparer.Ordinal);
        if (words.Count is 0 or > 5 || words.Any(NotANounPhrase.Contains) || named.Count == 0 || !QueryTerms.ContentWords(subject).All(named.Contains))
        {
            return null;
        }

        var target = NamedThings.Runs(previous).FirstOrDefault();
        return target is null ? null : previous[..target.Start] + subject + previous[(target.Start + target.Length)..];
    }

    /// <summary>Each personal pronoun replaced by the person the previous turn is about (his, and her before a noun, as a possessive).</summary>
    private static string ResolvePersons(string question, ConversationTurn previous)
    {
        var answered = NamedThings.Persons(AnswerText(previous.Answer));
        var person = NamedThings.Persons(StripCarried(previous.StandaloneQuestion), answered).LastOrDefault() ?? answered.FirstOrDefault();
        if (person is null)
        {
            return question;
        }

        return PersonalPronoun().Replace(question, m =>
        {
            var word = m.Value.ToLowerInvariant();
            var next = NextWord().Match(question, m.Index + m.Length);
            var possessive = word is "his" or "hers" || (word == "her" && next.Success && !QueryTerms.IsStopWord(next.Groups[1].Value.ToLowerInvariant()));
            return possessive ? person + "’s" : person;
        });
    }

    /// <summary>An answer's text with its citation markers as sentence breaks.</summary>
    private static string AnswerText(string answer) => Marker().Replace(answer, ". ");

    private static string Carried(string question, ConversationTurn previous)
    {
        var own = QueryTerms.ContentWords(question).Select(Stemmer.Stem).ToHashSet(StringComparer.Ordinal);
        var substitutes = NamedThings.Runs(question).Count > 0 && !QueryTerms.Words(question).Any(ReferringPronouns.Contains);
        var previousEntities = NamedThings.Runs(previous.StandaloneQuestion).SelectMany(r => QueryTerms.Words(r.Name)).ToHashSet(StringComparer.Ordinal);
        var carried = QueryTerms.ContentWords(StripCarried(previous.StandaloneQuestion))
            .Where(w => !own.Contains(Stemmer.Stem(w)))
            .Where(w => !(substitutes && previousEntities.Contains(w)))
            .Take(MaxCarriedTerms)
            .ToList();
        return carried.Count == 0 ? question : $"{question.TrimEnd()} (about: {string.Join(' ', carried)})";
    }

    public static bool IsFollowUp(string question)
    {
        var words = QueryTerms.Words(question);
        if (words.Count == 0)
        {
            return false;
        }

        var opening = string.Join(' ', words.Take(2));
        if (ContinuationOpenings.Any(o => words[0] == o || opening == o))
        {
            return true;
        }

        if (words.Any(ReferringPronouns.Contains) || words[^1] == "that")
        {
            return true;
        }

        return QueryTerms.ContentWords(question).Count < 2;
    }

    [GeneratedRegex(@"^\s*(?:and\s+what\s+about|and\s+how\s+about|what\s+about|how\s+about|and|or|same\s+for)\s+(?<x>.+?)[\s?.!…]*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Elliptical();

    [GeneratedRegex(@"\G\s+(\p{L}+)")]
    private static partial Regex NextWord();

    [GeneratedRegex(@"\s*\[\d+\]\s*")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\b(?:he|she|him|his|her|hers)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonalPronoun();

    /// <summary>A standalone question made by this rewriter with its carried terms unwrapped, so a topic lasts over several follow-ups.</summary>
    private static string StripCarried(string standalone)
    {
        var at = standalone.LastIndexOf(" (about: ", StringComparison.Ordinal);
        return at < 0 || !standalone.EndsWith(')') ? standalone : standalone[..at] + " " + standalone[(at + 9)..^1];
    }
}
