using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Retrieval;

public sealed record SearchRequest
{
    public required string Query { get; init; }

    public MemoryFilter Filter { get; init; } = MemoryFilter.None;

    public int Limit { get; init; } = 10;

    /// <summary>Hits whose cosine similarity to the query is below this are dropped (0 keeps everything).</summary>
    public float MinRelevance { get; init; }

    /// <summary>Keep only the best chunk of each document.</summary>
    public bool OnePerDocument { get; init; }
}
