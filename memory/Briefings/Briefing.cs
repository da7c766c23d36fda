using BriefingBot.Memory.Answering;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// A briefing on one or more documents: headline, cited key points, who said what, the entities named, a timeline and,
/// when a model wrote it, open questions. Every line carries <c>[n]</c> numbers into <see cref="Citations"/>, and every
/// quotation equals the document's normalised text at its range.
/// </summary>
public sealed record Briefing
{
    public required string Headline { get; init; }

    /// <summary>The topic asked for, or null when the briefing was built from document ids.</summary>
    public string? Topic { get; init; }

    /// <summary><c>extractive</c> (sentences of the sources) or <c>generative</c> (a model wrote part of it).</summary>
    public required string Mode { get; init; }

    public required IReadOnlyList<string> DocumentIds { get; init; }

    public required IReadOnlyList<KeyPoint> KeyPoints { get; init; }

    public required IReadOnlyList<AttributedQuote> Quotes { get; init; }

    public required IReadOnlyList<ReportedStatement> ReportedSpeech { get; init; }

    public required IReadOnlyList<NamedEntity> Entities { get; init; }

    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }

    /// <summary>Open questions and what to watch; null (omitted) unless a model is configured.</summary>
    public IReadOnlyList<OpenQuestion>? OpenQuestions { get; init; }

    public required IReadOnlyList<Citation> Citations { get; init; }
}
