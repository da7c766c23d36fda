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
    public static List<string> Words(string text)
    {
        var words = new List<string>();
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
                words.Add(text[start..i].ToLowerInvariant());
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

        return words;
    }

    /// <summary>Distinct content words, in order of first appearance.</summary>
    public static List<string> ContentWords(string text) =>
        Words(text).Where(w => !StopWords.Contains(w) && (w.Length > 1 || char.IsDigit(w[0]))).Distinct().ToList();
}
