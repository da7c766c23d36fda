namespace BriefingBot.Memory.Generation;

/// <summary>A generated sentence after the grounding check, with the facts that support it and each one's best quote.</summary>
public sealed record SupportedSentence(string Text, IReadOnlyList<SentenceSupport> Support)
{
    public bool IsSupported => Support.Count > 0;
}
