using BriefingBot.Memory.Language;

namespace BriefingBot.Memory.Briefings;

/// <summary>A sentence chosen as a key point: its source (index into the sources), range, text and vector.</summary>
internal sealed record SelectedSentence(int Source, TextSpan Span, string Text, float Score, ReadOnlyMemory<float> Vector);
