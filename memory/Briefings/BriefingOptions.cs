namespace BriefingBot.Memory.Briefings;

/// <summary>How a briefing is drawn up.</summary>
public sealed class BriefingOptions
{
    public int MinKeyPoints { get; set; } = 3;

    public int MaxKeyPoints { get; set; } = 6;

    /// <summary>At most this many sentences are embedded and weighed as key points (the earliest of each document first).</summary>
    public int MaxCandidateSentences { get; set; } = 160;

    /// <summary>For a topic: how many documents are briefed at most.</summary>
    public int TopicDocuments { get; set; } = 5;

    /// <summary>For a topic: passages below this cosine similarity to the topic do not bring their document in.</summary>
    public float TopicMinRelevance { get; set; } = 0.4f;

    /// <summary>
    /// For a topic: a passage that shares none of the topic's words brings its document in only at this cosine
    /// similarity or above (the answers' calibrated <c>Memory:Answer:MinRelevance</c>), so an unrelated topic finds nothing.
    /// </summary>
    public float TopicConfidentRelevance { get; set; } = 0.5f;

    /// <summary>For a topic: a document comes in only when its best passage is at least this share of the best passage's similarity.</summary>
    public float TopicRelativeRelevance { get; set; } = 0.9f;

    /// <summary>Maximal marginal relevance trade-off: 1 ranks by importance alone, lower values favour variety.</summary>
    public float Diversity { get; set; } = 0.7f;

    /// <summary>Weight of a sentence's earliness in its document (news puts the most important first).</summary>
    public float LeadWeight { get; set; } = 1.0f;

    /// <summary>Two sentences at least this similar are the same point; only the more important one is kept.</summary>
    public float DuplicateSimilarity { get; set; } = 0.9f;

    public int MaxQuotes { get; set; } = 12;

    public int MaxReportedStatements { get; set; } = 10;

    public void Validate()
    {
        if (MinKeyPoints < 1 || MaxKeyPoints < MinKeyPoints)
        {
            throw new ArgumentException($"Key points need 1 ≤ MinKeyPoints ≤ MaxKeyPoints (got {MinKeyPoints} and {MaxKeyPoints}).");
        }

        if (Diversity is < 0 or > 1)
        {
            throw new ArgumentException($"Diversity must be between 0 and 1 (got {Diversity}).");
        }
    }
}
