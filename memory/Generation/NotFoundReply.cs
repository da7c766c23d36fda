using System.Text.RegularExpressions;
using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// Recognises the model saying that the facts do not hold the answer, in whatever words: the prompt's fixed not-found
/// sentence, "The sources don't say", or any uncited sentence that says the passages, sources or articles do not
/// cover it ("I couldn't find that in the sources.", "Nothing in the provided articles says so.").
/// </summary>
public static partial class NotFoundReply
{
    /// <summary>True when the uncited <paramref name="sentence"/> says the facts do not hold (part of) the answer.</summary>
    public static bool IsRefusal(DraftSentence sentence, string notFoundText)
    {
        if (sentence.Facts.Count > 0)
        {
            return false;
        }

        var expected = string.Join(' ', QueryTerms.Words(notFoundText));
        var actual = string.Join(' ', QueryTerms.Words(sentence.Text));
        return (expected.Length > 0 && actual.Contains(expected, StringComparison.Ordinal))
            || (Sources().IsMatch(sentence.Text) && Negation().IsMatch(sentence.Text))
            || FirstPersonFailure().IsMatch(sentence.Text);
    }

    [GeneratedRegex(@"\b(?:passages?|facts?|sources?|articles?|briefings?|documents?|texts?|information|context|provided|materials?|reports?|memory|records?|data)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sources();

    [GeneratedRegex(@"\b(?:not|no|nothing|none|neither|nor|cannot|unable|without)\b|n['’]t\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Negation();

    [GeneratedRegex(@"^\s*(?:sorry,?\s+)?(?:I|we)\s+(?:could\s*n['’]t|couldn['’]t|can\s*not|can['’]t|cannot|was\s+unable|were\s+unable|am\s+unable|are\s+unable|did\s*n['’]t|didn['’]t|do\s*n['’]t|don['’]t|have\s+no|found\s+no|see\s+no)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FirstPersonFailure();
}
