namespace BriefingBot.Memory.Retrieval;

/// <summary>Which rankings retrieval uses: both fused (default), or one alone (for evaluation).</summary>
public enum RetrievalMode
{
    Hybrid,
    Vector,
    Keyword,
}
