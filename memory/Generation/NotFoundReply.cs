using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// Recognises the model saying the facts do not hold the answer: a reply without citations that contains the
/// prompt's fixed not-found sentence (compared word by word, ignoring case and punctuation).
/// </summary>
public static class NotFoundReply
{
    public static bool Matches(string reply, string notFoundText, IReadOnlyList<DraftSentence> sentences)
    {
        if (sentences.Any(s => s.Facts.Count > 0))
        {
            return false;
        }

        var expected = string.Join(' ', QueryTerms.Words(notFoundText));
        var actual = string.Join(' ', QueryTerms.Words(reply));
        return expected.Length > 0 && (actual.Contains(expected, StringComparison.Ordinal) || actual.Length == 0);
    }
}
