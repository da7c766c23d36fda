namespace BriefingBot.Memory.Briefings;

/// <summary>How a briefing is drawn up (section <c>Memory:Briefing</c> of appsettings.json).</summary>
public sealed class BriefingOptions
{
    public const string SectionName = "Memory:Briefing";

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

    /// <summary>
    /// REST API: a briefing of at most this many documents is built while the caller waits; more documents, or a
    /// topic, run as a background job.
    /// </summary>
    public int ImmediateDocuments { get; set; } = 3;

    /// <exception cref="ArgumentException">A value out of range, naming its setting.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (MinKeyPoints < 1 || MaxKeyPoints < MinKeyPoints)
        {
            problems.Add($"{SectionName}: key points need 1 ≤ MinKeyPoints ≤ MaxKeyPoints (got {MinKeyPoints} and {MaxKeyPoints}).");
        }

        if (MaxCandidateSentences < MaxKeyPoints)
        {
            problems.Add($"{SectionName}:MaxCandidateSentences must be at least MaxKeyPoints (got {MaxCandidateSentences}).");
        }

        if (TopicDocuments < 1)
        {
            problems.Add($"{SectionName}:TopicDocuments must be at least 1 (got {TopicDocuments}).");
        }

        foreach (var (name, value) in new[]
        {
            (nameof(TopicMinRelevance), TopicMinRelevance), (nameof(TopicConfidentRelevance), TopicConfidentRelevance),
            (nameof(TopicRelativeRelevance), TopicRelativeRelevance), (nameof(Diversity), Diversity),
            (nameof(DuplicateSimilarity), DuplicateSimilarity),
        })
        {
            if (value is < 0 or > 1 || float.IsNaN(value))
            {
                problems.Add($"{SectionName}:{name} must be between 0 and 1 (got {value}).");
            }
        }

        if (LeadWeight < 0 || float.IsNaN(LeadWeight))
        {
            problems.Add($"{SectionName}:LeadWeight must be 0 or more (got {LeadWeight}).");
        }

        if (MaxQuotes < 0 || MaxReportedStatements < 0)
        {
            problems.Add($"{SectionName}: MaxQuotes and MaxReportedStatements must be 0 or more (got {MaxQuotes} and {MaxReportedStatements}).");
        }

        if (ImmediateDocuments < 0)
        {
            problems.Add($"{SectionName}:ImmediateDocuments must be 0 or more (got {ImmediateDocuments}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }
    }
}
