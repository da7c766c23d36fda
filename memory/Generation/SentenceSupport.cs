using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Generation;

/// <summary>One fact supporting a sentence: the passage sentence that best supports it, as a span of the document.</summary>
public sealed record SentenceSupport(Fact Fact, TextSpan Quote, string QuoteText, float Lexical, float Semantic);
