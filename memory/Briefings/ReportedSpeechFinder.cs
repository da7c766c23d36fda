using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Finds reported (indirect) speech: sentences whose speaker is named or resolved ("Putin claimed the US was
/// considering…", "…, she said") and that are mostly not direct quotation. The reporting verb must stand outside any
/// quotation, and the sentence must say something beyond its attribution.
/// </summary>
internal static class ReportedSpeechFinder
{
    private const int MinWords = 8;
    private const double MaxQuotedShare = 0.5;

    public static List<FoundStatement> Find(string text, SpeakerTracker tracker)
    {
        var quoted = QuoteScanner.Scan(text).Select(q => q.Outer).ToList();
        var found = new List<FoundStatement>();
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            var inside = quoted.Where(q => q.Start < sentence.End && q.End > sentence.Start)
                .Sum(q => Math.Min(q.End, sentence.End) - Math.Max(q.Start, sentence.Start));
            if (inside > MaxQuotedShare * sentence.Length || QueryTerms.Words(sentence.Of(text)).Count < MinWords)
            {
                continue;
            }

            var mention = tracker.MentionsWithin(sentence).FirstOrDefault(m =>
                !quoted.Any(q => q.Start <= m.Who.Start && m.Who.End <= q.End) && !AttributesQuote(text, m, quoted));
            if (mention is not null)
            {
                found.Add(new FoundStatement(sentence, mention.Speaker, tracker.RoleOf(mention.Speaker), mention.Verb));
            }
        }

        return found;
    }

    /// <summary>"…,” she added" or "she replied: “…": the mention attributes a direct quotation, not reported speech.</summary>
    private static bool AttributesQuote(string text, SpeakerMention mention, List<TextSpan> quoted) =>
        quoted.Any(q => Between(text, q.End, mention.Who.Start) || Introduces(text, mention.Who.End, q.Start));

    private static bool Introduces(string text, int end, int quoteStart)
    {
        if (quoteStart < end || quoteStart - end > 40)
        {
            return false;
        }

        var gap = text[end..quoteStart].TrimEnd();
        return (gap.EndsWith(':') || gap.EndsWith(',')) && !gap.Contains('.', StringComparison.Ordinal);
    }

    private static bool Between(string text, int start, int end) =>
        start <= end && end - start < 60 && text[start..end].All(c => char.IsWhiteSpace(c) || char.IsPunctuation(c) || c is '—' or '–');
}
