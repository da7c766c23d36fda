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
/// A follow-up carries the previous turn's topic: the content words of its standalone question that the follow-up
/// does not already have (at most <see cref="MaxCarriedTerms"/>), appended as <c>(about: …)</c>. A pronoun stands for
/// the whole previous topic, so after "What did Russia demand at the talks?", "and what did the US say about it?"
/// becomes "and what did the US say about it? (about: russia demand talks)". Without a pronoun, a follow-up naming an
/// entity of its own (a capitalised word after the first, or an acronym) replaces the previous question's entities:
/// "What about the US?" becomes "What about the US? (about: demand talks)".
/// Other questions are returned unchanged.
/// </summary>
public sealed class HeuristicQuestionRewriter : IQuestionRewriter
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

    public Task<string> RewriteAsync(string question, IReadOnlyList<ConversationTurn> recent, CancellationToken cancellationToken = default) =>
        Task.FromResult(Rewrite(question, recent));

    public static string Rewrite(string question, IReadOnlyList<ConversationTurn> recent)
    {
        var previous = recent.LastOrDefault();
        if (previous is null || !IsFollowUp(question))
        {
            return question;
        }

        var own = QueryTerms.ContentWords(question).Select(Stemmer.Stem).ToHashSet(StringComparer.Ordinal);
        var substitutes = Entities(question).Count > 0 && !QueryTerms.Words(question).Any(ReferringPronouns.Contains);
        var previousEntities = Entities(previous.StandaloneQuestion);
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

    /// <summary>Lower-cased entity words: capitalised after the first word, or acronyms anywhere.</summary>
    private static HashSet<string> Entities(string text)
    {
        var entities = new HashSet<string>(StringComparer.Ordinal);
        var tokens = text.Split([' ', '\t', '\n', ',', '?', '!', ';', ':', '(', ')', '"', '“', '”'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i].Trim('.', '\'', '’');
            if (token.Length == 0 || !char.IsUpper(token[0]))
            {
                continue;
            }

            var acronym = token.Length > 1 && token.Where(char.IsLetter).All(char.IsUpper);
            if (i > 0 || acronym)
            {
                foreach (var word in QueryTerms.Words(token))
                {
                    entities.Add(word);
                }
            }
        }

        return entities;
    }

    /// <summary>A standalone question made by this rewriter with its carried terms unwrapped, so a topic lasts over several follow-ups.</summary>
    private static string StripCarried(string standalone)
    {
        var at = standalone.LastIndexOf(" (about: ", StringComparison.Ordinal);
        return at < 0 || !standalone.EndsWith(')') ? standalone : standalone[..at] + " " + standalone[(at + 9)..^1];
    }
}
