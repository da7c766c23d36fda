namespace BriefingBot.Memory.Embedding;

/// <summary>Counts tokens exactly as the embedding model will, so that chunks fit its window.</summary>
public interface ITokenCounter
{
    /// <summary>Tokens of the text alone, without the model's special tokens.</summary>
    int CountTokens(string text);

    /// <summary>The most content tokens one passage may hold (the window less the special tokens).</summary>
    int MaxPassageTokens { get; }
}
