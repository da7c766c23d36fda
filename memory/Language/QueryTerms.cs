namespace BriefingBot.Memory.Language;

/// <summary>Content words of a query or sentence: lower-case letters and digits, without English stop words.</summary>
public static class QueryTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does",
        "doing", "down", "during", "each", "else", "ever", "few", "for", "from", "further", "had", "has", "have", "having",
        "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "me", "might", "more", "most", "much", "must", "my", "myself", "no", "nor", "not", "now", "of",
        "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "shall",
        "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
        "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "us", "very",
        "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with",
        "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "according", "tell", "say", "said", "says",
        "many", "however", "yet", "get", "got", "let", "may", "whether", "within", "without", "via", "per", "among",
    };

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>All words in order, lower-cased (apostrophe suffixes such as "'s" dropped).</summary>
    public static List<string> Words(string text) => Tokens(text).Select(t => t.Word).ToList();

    /// <summary>
    /// Distinct content words, in order of first appearance. An acronym written in capitals ("US", "WHO") is a content
    /// word even when its lower-case form is a stop word.
    /// </summary>
    public static List<string> ContentWords(string text) =>
        Tokens(text).Where(IsContent).Select(t => t.Word).Distinct().ToList();

    /// <summary>The stems of the content words, for matching words across inflections.</summary>
    public static HashSet<string> ContentStems(string text) =>
        Tokens(text).Where(IsContent).Select(t => Stemmer.Stem(t.Word)).ToHashSet(StringComparer.Ordinal);

    private static bool IsContent((string Word, bool Acronym) token) =>
        token.Acronym || (!StopWords.Contains(token.Word) && (token.Word.Length > 1 || char.IsDigit(token.Word[0])));

    private static List<(string Word, bool Acronym)> Tokens(string text)
    {
        var tokens = new List<(string, bool)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                var word = text.AsSpan(start, i - start);
                var acronym = word.Length is >= 2 and <= 5 && !word.ContainsAnyExcept(UpperCase);
                tokens.Add((word.ToString().ToLowerInvariant(), acronym));
                start = -1;
                if (i < text.Length && text[i] is '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]))
                {
                    while (i + 1 < text.Length && char.IsLetter(text[i + 1]))
                    {
                        i++;
                    }
                }
            }
        }

        return tokens;
    }

    private static readonly System.Buffers.SearchValues<char> UpperCase = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
}
