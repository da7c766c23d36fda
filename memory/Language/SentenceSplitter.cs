namespace BriefingBot.Memory.Language;

/// <summary>
/// Rule-based English sentence boundaries for news text. A paragraph or line break always ends a sentence; inside a
/// line a sentence ends at <c>. ! ?</c> (with any closing quotes or brackets) followed by a space and a capital, a
/// digit or an opening quote, unless the period closes a known abbreviation, an initial or a decimal number.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
        "rev", "hon", "pres", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp", "no", "nos", "vol", "fig", "approx",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "a.m", "p.m",
        "al", "op", "cf", "ca", "dept", "est", "ft", "univ", "assn", "bros",
    };

    /// <summary>Sentences of <paramref name="text"/> within <paramref name="range"/>, trimmed, as spans of the text.</summary>
    public static List<TextSpan> Split(string text, TextSpan range)
    {
        var sentences = new List<TextSpan>();
        var start = range.Start;
        for (var i = range.Start; i < range.End; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                Add(text, sentences, start, i);
                start = i + 1;
                continue;
            }

            if (c is not ('.' or '!' or '?' or '…'))
            {
                continue;
            }

            var end = i + 1;
            while (end < range.End && text[end] is '.' or '!' or '?' or '"' or '\'' or '”' or '’' or ')' or ']' or '»')
            {
                end++;
            }

            if (end >= range.End || text[end] != ' ' || end + 1 >= range.End)
            {
                continue;
            }

            var next = text[end + 1];
            var opensSentence = char.IsUpper(next) || char.IsDigit(next) || next is '"' or '“' or '‘' or '\'' or '(' or '[' or '«';
            if (!opensSentence || (c == '.' && IsAbbreviation(text, range.Start, i)))
            {
                continue;
            }

            Add(text, sentences, start, end);
            start = end + 1;
            i = end;
        }

        Add(text, sentences, start, range.End);
        return sentences;
    }

    public static List<TextSpan> Split(string text) => Split(text, new TextSpan(0, text.Length));

    private static bool IsAbbreviation(string text, int floor, int period)
    {
        var wordStart = period;
        while (wordStart > floor && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not ('(' or '"' or '“'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, period - wordStart);
        if (word.Length == 0)
        {
            return false;
        }

        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial: "John F. Kennedy"
        }

        return Abbreviations.Contains(word.ToString());
    }

    private static void Add(string text, List<TextSpan> sentences, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new TextSpan(start, end));
        }
    }
}
