namespace BriefingBot.Memory.Ingestion.Chunking;

/// <summary>How documents are cut into passages for retrieval.</summary>
public sealed class ChunkingOptions
{
    /// <summary>Most tokens of document text in one chunk (the model's own tokens). Default 200.</summary>
    public int MaxTokens { get; set; } = 200;

    /// <summary>Tokens of trailing sentences repeated at the start of the next chunk. Default 40; less than MaxTokens.</summary>
    public int OverlapTokens { get; set; } = 40;

    /// <summary>Most tokens of the title prepended to each chunk when it is embedded. Default 48.</summary>
    public int MaxTitleTokens { get; set; } = 48;

    public void Validate(int modelPassageTokens)
    {
        if (MaxTokens < 16)
        {
            throw new ArgumentException($"Memory:Chunking:MaxTokens must be at least 16 (is {MaxTokens}).");
        }

        if (OverlapTokens < 0 || OverlapTokens >= MaxTokens)
        {
            throw new ArgumentException($"Memory:Chunking:OverlapTokens ({OverlapTokens}) must be between 0 and MaxTokens ({MaxTokens}).");
        }

        if (MaxTokens + MaxTitleTokens + 1 > modelPassageTokens)
        {
            throw new ArgumentException(
                $"Memory:Chunking:MaxTokens + MaxTitleTokens ({MaxTokens} + {MaxTitleTokens}) exceed the embedding model's window of {modelPassageTokens} tokens.");
        }
    }
}
