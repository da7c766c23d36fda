using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// A top-level quotation found in a text: <see cref="Outer"/> spans the quotation marks, <see cref="Content"/> the words
/// inside (trimmed of spaces and a trailing comma), <see cref="Paragraph"/> the paragraph holding it.
/// </summary>
internal sealed record QuoteSpan(TextSpan Outer, TextSpan Content, TextSpan Paragraph);
