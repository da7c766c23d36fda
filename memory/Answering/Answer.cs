namespace BriefingBot.Memory.Answering;

/// <summary>
/// A grounded answer: text with <c>[n]</c> markers, each matching one entry of <see cref="Citations"/>. When nothing in
/// the memory answers the question, <see cref="NoResult"/> is true and there are no citations.
/// </summary>
public sealed record Answer
{
    public required string Question { get; init; }

    public required string Text { get; init; }

    public required bool NoResult { get; init; }

    public string? NoResultReason { get; init; }

    public required IReadOnlyList<Citation> Citations { get; init; }

    /// <summary>Cosine similarity of the best retrieved passage to the question (what abstention is decided on).</summary>
    public float? TopRelevance { get; init; }

    /// <summary>Share (IDF-weighted) of the question's content words found in the best-covering passage.</summary>
    public float? Coverage { get; init; }

    /// <summary><c>extractive</c> (quoted sentences) or <c>generative</c> (written by a model).</summary>
    public required string Mode { get; init; }

    /// <summary>Generated sentences kept although their passages do not support them (only with <c>AI:UnsupportedSentences=Flag</c>).</summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];

    /// <summary>
    /// The parts of the question the sources do not cover: a named thing the memory never mentions, or the kind of
    /// answer asked for ("a date", "a number") that the quoted sentences lack. Empty when everything asked is covered.
    /// </summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>Estimated probability that the answer is right (or, for a not-found, that declining is); see docs/EVALUATION.md.</summary>
    public float? Confidence { get; init; }

    public static Answer NotFound(string question, string text, string reason, string mode) => new()
    {
        Question = question,
        Text = text,
        NoResult = true,
        NoResultReason = reason,
        Citations = [],
        Mode = mode,
    };
}
