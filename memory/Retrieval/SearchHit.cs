using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Retrieval;

/// <summary>A retrieved chunk with its document and how it ranked.</summary>
public sealed record SearchHit
{
    public required ChunkRecord Chunk { get; init; }

    public required DocumentInfo Document { get; init; }

    /// <summary>The fused ranking score (reciprocal rank fusion of the vector and keyword rankings).</summary>
    public required float Score { get; init; }

    /// <summary>Cosine similarity of the chunk to the query (−1…1).</summary>
    public required float Relevance { get; init; }

    public int? VectorRank { get; init; }

    public int? KeywordRank { get; init; }
}
