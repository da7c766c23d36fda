namespace BriefingBot.Memory.Generation;

/// <summary>What happens to a generated sentence its cited passage does not support (setting <c>AI:UnsupportedSentences</c>).</summary>
public enum UnsupportedSentences
{
    /// <summary>The sentence is left out of the answer (default).</summary>
    Remove,

    /// <summary>The sentence stays, without citation, and is listed in <see cref="Answering.Answer.Unsupported"/>.</summary>
    Flag,
}
