namespace BriefingBot.Memory.Retrieval;

/// <summary>Retrieval settings (section <c>Memory:Search</c>).</summary>
public sealed class SearchOptions
{
    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    /// <summary>How the two rankings are combined. Default <c>Convex</c> (min–max normalised scores, weighted; see docs/EVALUATION.md).</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Convex;

    /// <summary>Candidates taken from each ranking before fusion. Default 60.</summary>
    public int Candidates { get; set; } = 60;

    /// <summary>The k of reciprocal rank fusion, 1/(k + rank). Default 60 (Cormack et al.).</summary>
    public int FusionK { get; set; } = 60;

    public float VectorWeight { get; set; } = 1f;

    public float KeywordWeight { get; set; } = 1f;

    /// <summary>A hit whose word overlap with a better hit is at least this is a near-duplicate and dropped. Default 0.8.</summary>
    public float DuplicateOverlap { get; set; } = 0.8f;
}
