using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Finds top-level quotations: curly “…” (nesting counted) and straight "…" (opening told from closing by the
/// characters around it), with quotes nested inside (‘…’, "…" or “…”) kept as part of the outer one. A quotation left
/// open at the end of a paragraph counts only when the next paragraph opens a quotation (the news convention for a
/// quotation running over paragraphs).
/// </summary>
internal static class QuoteScanner
{
    public static List<QuoteSpan> Scan(string text)
    {
        var quotes = new List<QuoteSpan>();
        var paragraphStart = 0;
        while (paragraphStart < text.Length)
        {
            var paragraphEnd = text.IndexOf('\n', paragraphStart);
            if (paragraphEnd < 0)
            {
                paragraphEnd = text.Length;
            }

            ScanParagraph(text, new TextSpan(paragraphStart, paragraphEnd), quotes);
            paragraphStart = paragraphEnd + 1;
        }

        return quotes;
    }

    private static void ScanParagraph(string text, TextSpan paragraph, List<QuoteSpan> quotes)
    {
        var stack = new Stack<char>();
        var open = -1;
        for (var i = paragraph.Start; i < paragraph.End; i++)
        {
            var c = text[i];
            var before = i > paragraph.Start ? text[i - 1] : ' ';
            var after = i + 1 < paragraph.End ? text[i + 1] : ' ';
            switch (c)
            {
                case '“' or '«':
                    if (stack.Count == 0)
                    {
                        open = i;
                    }

                    stack.Push(c);
                    break;
                case '”' or '»' when stack.Count > 0 && stack.Peek() == (c == '”' ? '“' : '«'):
                    stack.Pop();
                    Close(text, paragraph, stack, open, i + 1, quotes);
                    break;
                case '"' when stack.Count > 0 && stack.Peek() == '"' && !char.IsLetterOrDigit(after):
                    stack.Pop();
                    Close(text, paragraph, stack, open, i + 1, quotes);
                    break;
                case '"' when !char.IsLetterOrDigit(before) && !char.IsWhiteSpace(after):
                    if (stack.Count == 0)
                    {
                        open = i;
                    }

                    stack.Push(c);
                    break;
                case '‘' when stack.Count > 0 && !char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after):
                    stack.Push(c);
                    break;
                case '’' when stack.Count > 0 && stack.Peek() == '‘' && !char.IsLetterOrDigit(after):
                    stack.Pop();
                    break;
            }
        }

        if (stack.Count > 0 && open >= 0 && ContinuesInNextParagraph(text, paragraph.End))
        {
            Add(text, paragraph, open, open + 1, paragraph.End, paragraph.End, quotes);
        }
    }

    private static void Close(string text, TextSpan paragraph, Stack<char> stack, int open, int outerEnd, List<QuoteSpan> quotes)
    {
        if (stack.Count == 0 && open >= 0)
        {
            Add(text, paragraph, open, open + 1, outerEnd - 1, outerEnd, quotes);
        }
    }

    private static void Add(string text, TextSpan paragraph, int outerStart, int start, int end, int outerEnd, List<QuoteSpan> quotes)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ',' or ';' or ':'))
        {
            end--;
        }

        if (end > start)
        {
            quotes.Add(new QuoteSpan(new TextSpan(outerStart, outerEnd), new TextSpan(start, end), paragraph));
        }
    }

    private static bool ContinuesInNextParagraph(string text, int paragraphEnd)
    {
        var i = paragraphEnd;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i < text.Length && text[i] is '“' or '"' or '«';
    }
}
