namespace BriefingBot.Memory.Retrieval;

/// <summary>How the vector and keyword rankings are combined.</summary>
public enum FusionMethod
{
    /// <summary>Weighted reciprocal rank fusion: Σ weight / (k + rank).</summary>
    ReciprocalRank,

    /// <summary>Weighted sum of each ranking's scores, min–max normalised within the ranking (0 where a chunk is absent).</summary>
    Convex,
}
