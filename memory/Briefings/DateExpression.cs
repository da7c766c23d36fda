using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// A date expression in a sentence and its resolution: <see cref="Date"/> in ISO 8601 at its precision, or null when it
/// is relative and no reference date is known; <see cref="Kind"/> tells a past or present event from a next step.
/// </summary>
internal sealed record DateExpression(TextSpan Span, string Text, string? Date, TimelineKind Kind);
