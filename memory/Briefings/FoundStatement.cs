using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>A sentence of reported speech in one document, with its resolved speaker and reporting verb.</summary>
internal sealed record FoundStatement(TextSpan Span, string Speaker, string? Role, string Verb);
