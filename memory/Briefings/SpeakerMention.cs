using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>A place where the text names who speaks: "Donfried said", "said Putin", "she added" (resolved).</summary>
internal sealed record SpeakerMention(TextSpan Who, string Verb, string Speaker, bool IsPronoun);
