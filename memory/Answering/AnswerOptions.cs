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

    /// <summary>
    /// Below this cosine similarity of the best passage, the question is taken as not answered by the memory unless
    /// its key words are found. Calibrated on the development questions; see docs/EVALUATION.md.
    /// </summary>
    public float MinRelevance { get; set; } = 0.50f;

    /// <summary>Share (IDF-weighted) of the question's content words that one passage must contain. Default 0.12.</summary>
    public float MinCoverage { get; set; } = 0.12f;

    /// <summary>A passage at least this similar answers even with few shared words. Default 0.69.</summary>
    public float ConfidentRelevance { get; set; } = 0.69f;

    /// <summary>Score candidate sentences by their own embedding as well as by shared words. Default true.</summary>
    public bool SentenceEmbeddings { get; set; } = true;

    /// <summary>
    /// How many of the best candidate sentences (by shared words and passage relevance) are embedded to be scored by
    /// meaning. Each costs a model run on the request path, so this bounds the answer's latency. Default 4 (see docs/EVALUATION.md).
    /// </summary>
    public int SemanticCandidates { get; set; } = 4;
}
