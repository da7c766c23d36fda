using System.Text.RegularExpressions;

namespace BriefingBot.Memory.Conversations;

/// <summary>
/// "more", "tell me more", "go on", "anything else?": a request to continue the last answer with what it has not said
/// yet, rather than a new question.
/// </summary>
public static partial class ContinuationRequest
{
    public static bool IsMore(string question) => Pattern().IsMatch(question.Trim());

    /// <summary>The sentences an extractive answer quoted (its text between the <c>[n]</c> markers), normalised.</summary>
    public static IEnumerable<string> Quoted(string answerText) =>
        Marker().Split(answerText).Select(Normalize).Where(s => s.Length > 0);

    /// <summary>A sentence with its white space collapsed, as sentences are compared.</summary>
    public static string Normalize(string sentence) => Whitespace().Replace(sentence, " ").Trim();

    [GeneratedRegex(@"^(?:(?:and\s+|ok(?:ay)?,?\s+|please\s+)?(?:tell\s+me|say|give\s+me|show\s+me)\s+(?:some\s+)?more|(?:and\s+)?(?:some\s+)?more|go\s+on|continue|anything\s+else|what\s+else)(?:\s+please)?[\s.!?…]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\s*\[\d+\]\s*")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
