using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>A quotation of one document with its resolved speaker.</summary>
internal sealed record FoundQuote(TextSpan Span, string Speaker, string? Role);
