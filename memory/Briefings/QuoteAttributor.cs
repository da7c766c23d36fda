using System.Text.RegularExpressions;
using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Attributes the quotations of one document to their speakers.
/// <list type="bullet">
/// <item>The attribution right after the closing mark (<c>,” Donfried told reporters</c>, <c>,” said Putin</c>) or right
/// before the opening one (<c>she replied: “</c>, <c>according to Reuters, “</c>) names the speaker; a pronoun resolves
/// to the most recent named speaker.</item>
/// <item>A quotation without its own attribution continues the speaker of the quotation before it in the same
/// paragraph (<c>“…,” she said. “…”</c>), or takes the one of the quotation right after it, or runs on from a quotation
/// left open at the end of the previous paragraph.</item>
/// <item>A quoted fragment inside a sentence ("were “poised to move in a dramatic way”") belongs to the sentence's
/// speaker.</item>
/// <item>Not attributed, and left out: quotations of fewer than four words (scare quotes, single words, short phrases),
/// titles (every word capitalised, no sentence punctuation), and quotations no speaker can be found for.</item>
/// </list>
/// </summary>
internal static partial class QuoteAttributor
{
    public const int MinWords = 4;

    public static List<FoundQuote> Attribute(string text, SpeakerTracker tracker)
    {
        var quotes = QuoteScanner.Scan(text).Where(q => Attributable(text, q)).ToList();
        var speakers = new string?[quotes.Count];
        for (var i = 0; i < quotes.Count; i++)
        {
            var q = quotes[i];
            var next = i + 1 < quotes.Count && quotes[i + 1].Paragraph == q.Paragraph ? quotes[i + 1].Outer.Start : q.Paragraph.End;
            var previous = i > 0 && quotes[i - 1].Paragraph == q.Paragraph ? quotes[i - 1].Outer.End : q.Paragraph.Start;
            speakers[i] = After(text, q, next, tracker) ?? Before(text, q, previous, tracker)
                ?? (IsFragment(text, q) ? SentenceSpeaker(text, q, previous, next, tracker) : null);
        }

        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < quotes.Count; i++)
            {
                if (speakers[i] is not null)
                {
                    continue;
                }

                var q = quotes[i];
                if (i > 0 && speakers[i - 1] is { } earlier && (quotes[i - 1].Paragraph == q.Paragraph || RunsOn(quotes[i - 1])))
                {
                    speakers[i] = earlier;
                }
                else if (i + 1 < quotes.Count && speakers[i + 1] is { } later
                    && (quotes[i + 1].Paragraph == q.Paragraph && IsPunctuationOnly(text, q.Outer.End, quotes[i + 1].Outer.Start) || RunsOn(q)))
                {
                    speakers[i] = later;
                }
            }
        }

        var found = new List<FoundQuote>();
        for (var i = 0; i < quotes.Count; i++)
        {
            if (speakers[i] is { } speaker)
            {
                found.Add(new FoundQuote(quotes[i].Content, speaker, tracker.RoleOf(speaker)));
            }
        }

        return found;
    }

    private static bool Attributable(string text, QuoteSpan q)
    {
        var content = q.Content.Of(text);
        var words = QueryTerms.Words(content);
        if (words.Count < MinWords)
        {
            return false;
        }

        var isTitle = content.IndexOfAny(['.', '!', '?', ',', ';', ':']) < 0
            && content.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3).All(w => char.IsUpper(w[0]));
        return !isTitle;
    }

    private static string? After(string text, QuoteSpan q, int limit, SpeakerTracker tracker)
    {
        var window = text[q.Outer.End..Math.Max(q.Outer.End, limit)];
        var match = NewsGrammar.AttributionAfter().Match(window);
        return match.Success ? Speaker(match, q.Outer.End, tracker) : null;
    }

    private static string? Before(string text, QuoteSpan q, int floor, SpeakerTracker tracker)
    {
        var start = SentenceStart(text, floor, q.Outer.Start);
        var window = text[start..q.Outer.Start];
        foreach (var mention in tracker.MentionsWithin(new TextSpan(start, q.Outer.Start)).Reverse())
        {
            var at = mention.Who.Start - start;
            var match = NewsGrammar.AttributionBefore().Match(window, at);
            if (match.Success && match.Index == at)
            {
                return mention.Speaker;
            }
        }

        var according = NewsGrammar.AccordingToBefore().Match(window);
        return according.Success ? Speaker(according, start, tracker) : null;
    }

    private static string? SentenceSpeaker(string text, QuoteSpan q, int floor, int limit, SpeakerTracker tracker)
    {
        var start = SentenceStart(text, floor, q.Outer.Start);
        var end = SentenceEnd().Match(text, q.Outer.End, limit - q.Outer.End) is { Success: true } m ? m.Index + 1 : limit;
        return tracker.MentionsWithin(new TextSpan(start, end)).FirstOrDefault()?.Speaker;
    }

    private static string? Speaker(Match match, int offset, SpeakerTracker tracker)
    {
        var who = match.Groups["who"];
        var position = offset + who.Index;
        return tracker.MentionAt(position)?.Speaker ?? tracker.Resolve(who.Value, position);
    }

    /// <summary>A quoted fragment continues a sentence: a letter before the opening mark and a lower-case start.</summary>
    private static bool IsFragment(string text, QuoteSpan q)
    {
        var i = q.Outer.Start - 1;
        while (i >= q.Paragraph.Start && text[i] == ' ')
        {
            i--;
        }

        return i >= q.Paragraph.Start && char.IsLetterOrDigit(text[i]) && char.IsLower(text[q.Content.Start]);
    }

    private static bool RunsOn(QuoteSpan q) => q.Outer.End == q.Paragraph.End && q.Content.End == q.Paragraph.End;

    private static bool IsPunctuationOnly(string text, int start, int end) =>
        start <= end && text[start..end].All(c => char.IsWhiteSpace(c) || char.IsPunctuation(c));

    private static int SentenceStart(string text, int floor, int position)
    {
        for (var i = position - 2; i >= floor; i--)
        {
            if (text[i] is '.' or '!' or '?' && text[i + 1] == ' ')
            {
                return i + 2;
            }
        }

        return floor;
    }

    [GeneratedRegex(@"[.!?](?= |$)")]
    private static partial Regex SentenceEnd();
}
