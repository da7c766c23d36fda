namespace BriefingBot.Memory.Generation;

/// <summary>One sentence of a model's answer, its citation markers removed, with the fact numbers they named.</summary>
public sealed record DraftSentence(string Text, IReadOnlyList<int> Facts);
