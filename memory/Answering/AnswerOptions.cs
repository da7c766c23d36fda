namespace BriefingBot.Memory.Answering;

/// <summary>Answer settings (section <c>Memory:Answer</c>).</summary>
public sealed class AnswerOptions
{
    /// <summary>Passages read to compose an answer. Default 8.</summary>
    public int Passages { get; set; } = 8;

    /// <summary>Most sentences quoted in an extractive answer. Default 3.</summary>
    public int MaxSentences { get; set; } = 3;

    /// <summary>Said when the memory holds nothing that answers.</summary>
    public string NotFoundText { get; set; } = "I could not find an answer to that in the briefings I have.";

    /// <summary>Said when a named thing of the question is nowhere in the memory; <c>{0}</c> is the name(s).</summary>
    public string NotMentionedText { get; set; } = "The briefings I have don't mention {0}.";

    /// <summary>Said when the quoted sentences would not hold the kind of answer asked for; <c>{0}</c> is what is missing ("a date or time").</summary>
    public string NotCoveredText { get; set; } = "The briefings I have don't give {0} for that.";

    /// <summary>
    /// Below this cosine similarity of the best passage, the question is taken as not answered by the memory unless
    /// its key words are found. Calibrated on the development questions; see docs/EVALUATION.md.
    /// </summary>
    public float MinRelevance { get; set; } = 0.50f;

    /// <summary>Share (IDF-weighted) of the question's content words that one passage must contain. Default 0.12.</summary>
    public float MinCoverage { get; set; } = 0.12f;

    /// <summary>A passage at least this similar answers even with few shared words. Default 0.69.</summary>
    public float ConfidentRelevance { get; set; } = 0.69f;

    /// <summary>
    /// A passage holding at least this share (IDF-weighted) of the question's words answers at the lower relevance
    /// <see cref="FullCoverageRelevance"/>: short questions about a named thing ("Who is Karen Donfried?") embed far
    /// from any long passage yet are plainly about the one that names it. Default 0.9.
    /// </summary>
    public float FullCoverage { get; set; } = 0.9f;

    /// <summary>The relevance needed by a passage that holds <see cref="FullCoverage"/> of the question's words. Default 0.35.</summary>
    public float FullCoverageRelevance { get; set; } = 0.35f;

    /// <summary>The abstention rule: does a best passage of this relevance and word coverage answer the question?</summary>
    public bool IsAnswerable(float relevance, float coverage) =>
        relevance >= ConfidentRelevance
        || (relevance >= MinRelevance && coverage >= MinCoverage)
        || (relevance >= FullCoverageRelevance && coverage >= FullCoverage);

    /// <summary>
    /// An extractive answer whose confidence (<see cref="ConfidenceModel"/>, the probability that it is right) is below
    /// this is a not-found. 0 answers whatever the confidence. Calibrated on the development questions; see docs/EVALUATION.md.
    /// </summary>
    public float MinConfidence { get; set; } = 0.10f;

    /// <exception cref="ArgumentException">A value out of range, naming its setting.</exception>
    public void Validate()
    {
        if (MinConfidence is < 0 or > 1 || float.IsNaN(MinConfidence))
        {
            throw new ArgumentException($"Memory:Answer:MinConfidence must be between 0 and 1 (got {MinConfidence}).");
        }
    }

    /// <summary>Score candidate sentences by their own embedding as well as by shared words. Default true.</summary>
    public bool SentenceEmbeddings { get; set; } = true;

    /// <summary>
    /// How many of the best candidate sentences (by shared words and passage relevance) are embedded to be scored by
    /// meaning. Each costs a model run on the request path, so this bounds the answer's latency. Default 4 (see docs/EVALUATION.md).
    /// </summary>
    public int SemanticCandidates { get; set; } = 4;
}
