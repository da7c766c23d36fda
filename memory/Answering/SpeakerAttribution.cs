using System.Text.RegularExpressions;

namespace BriefingBot.Memory.Answering;

/// <summary>
/// Recognises reported speech in news sentences: "…,” she added" names no one, "Donfried said…" does. An answer that
/// quotes a pronoun-attributed sentence also quotes the nearest earlier sentence that names the speaker.
/// </summary>
public static partial class SpeakerAttribution
{
    private const string SpeechVerbs = "said|says|added|adds|told|tells|warned|warns|stated|claimed|claims|argued|insisted|replied|explained|noted|continued|declared|announced|wrote|asked|urged|stressed";

    /// <summary>True when the sentence's speaker is only a pronoun ("she said", "said he").</summary>
    public static bool HasPronounSpeaker(string sentence) => PronounSpeaker().IsMatch(sentence) && !NamedSpeaker().IsMatch(sentence);

    /// <summary>True when the sentence names a speaker ("Karen Donfried … said", "said Putin", "according to Reuters").</summary>
    public static bool HasNamedSpeaker(string sentence) => NamedSpeaker().IsMatch(sentence);

    [GeneratedRegex($@"\b(?:she|he|they)\s+(?:{SpeechVerbs})\b|\b(?:{SpeechVerbs})\s+(?:she|he|they)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PronounSpeaker();

    [GeneratedRegex($@"\b\p{{Lu}}[\p{{L}}'’\-]+(?:,[^,]{{1,80}},)?\s+(?:{SpeechVerbs})\b|\b(?:{SpeechVerbs})\s+\p{{Lu}}[\p{{L}}'’\-]+|\baccording to\s+\p{{Lu}}", RegexOptions.CultureInvariant)]
    private static partial Regex NamedSpeaker();
}
