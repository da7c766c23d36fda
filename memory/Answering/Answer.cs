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

    /// <summary>What the extractive answer's abstention and <see cref="Confidence"/> were decided on (null for generative answers).</summary>
    public AnswerSignals? Signals { get; init; }

    /// <summary><c>extractive</c> (quoted sentences) or <c>generative</c> (written by a model).</summary>
    public required string Mode { get; init; }

    /// <summary>Generated sentences kept although their passages do not support them (only with <c>AI:UnsupportedSentences=Flag</c>).</summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];

    /// <summary>
    /// The parts of the question the sources do not cover: a named thing the memory never mentions, or the kind of
    /// answer asked for ("a date", "a number") that the quoted sentences lack. Empty when everything asked is covered.
    /// </summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>
    /// Estimated probability, 0–1, that the answer is right (for a not-found: that declining is), from
    /// <see cref="ConfidenceModel"/>; see docs/EVALUATION.md.
    /// </summary>
    public float? Confidence { get; init; }

    /// <summary>A not-found; its <see cref="Confidence"/> is 1 (nothing to answer from) unless the caller states its own.</summary>
    public static Answer NotFound(string question, string text, string reason, string mode) => new()
    {
        Confidence = 1,
        Question = question,
        Text = text,
        NoResult = true,
        NoResultReason = reason,
        Citations = [],
        Mode = mode,
    };
}
