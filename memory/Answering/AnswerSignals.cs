namespace BriefingBot.Memory.Answering;

/// <summary>
/// What an extractive answer's confidence is computed from (<see cref="ConfidenceModel"/>), recorded on the answer so
/// the evaluation can fit and check the model. Shares are 0–1; a signal that does not apply (no named thing in the
/// question, an answer type without a required kind) is 1.
/// </summary>
public sealed record AnswerSignals
{
    /// <summary>Cosine similarity of the best retrieved passage to the question.</summary>
    public required float Relevance { get; init; }

    /// <summary>Share (IDF-weighted) of the question's content words found in the best-covering passage.</summary>
    public required float Coverage { get; init; }

    /// <summary>Share (IDF-weighted) of the question's content words found in the quoted sentences.</summary>
    public float SentenceCoverage { get; init; }

    /// <summary>Share of the question's named things, numbers and calendar words that the quoted sentences or their context give.</summary>
    public float FocusCoverage { get; init; }

    /// <summary>1 when the leading sentence holds the kind of answer asked for (a date for "when", a number for "how many"), else 0.</summary>
    public float TypeMatch { get; init; }

    /// <summary>Cosine similarity of the leading sentence to the question (0 when it was not embedded).</summary>
    public float SentenceRelevance { get; init; }

    /// <summary>Share of the other passages near the top that share the leading sentence's own words (beyond the question's): they agree on it.</summary>
    public float Agreement { get; init; }

    /// <summary>The features in the order of <see cref="ConfidenceModel"/>'s coefficients.</summary>
    public float[] Features() => [Relevance, Coverage, SentenceCoverage, FocusCoverage, TypeMatch, SentenceRelevance, Agreement];

    /// <summary>The retrieval features alone (<see cref="Relevance"/>, <see cref="Coverage"/>), for the confidence of a not-found.</summary>
    public float[] RetrievalFeatures() => [Relevance, Coverage];

    /// <summary>The names of <see cref="Features"/>, as in the coefficients file.</summary>
    public static readonly string[] FeatureNames = ["relevance", "coverage", "sentenceCoverage", "focusCoverage", "typeMatch", "sentenceRelevance", "agreement"];
}
