using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Generation;

/// <summary>A generated sentence after the grounding check, with the facts that support it and each one's best quote.</summary>
public sealed record SupportedSentence(string Text, IReadOnlyList<SentenceSupport> Support)
{
    public bool IsSupported => Support.Count > 0;
}

/// <summary>One fact supporting a sentence: the passage sentence that best supports it, as a span of the document.</summary>
public sealed record SentenceSupport(Fact Fact, TextSpan Quote, string QuoteText, float Lexical, float Semantic);
