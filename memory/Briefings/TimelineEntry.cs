namespace BriefingBot.Memory.Briefings;

/// <summary>
/// A dated sentence. <see cref="When"/> is the date expression as written ("next month", "on Tuesday");
/// <see cref="Date"/> is its ISO 8601 resolution at its precision (<c>2022-01-04</c>, <c>2022-W02</c>, <c>2022-01</c>,
/// <c>2022</c>), or null when it is relative and the document's publication date is unknown.
/// </summary>
public sealed record TimelineEntry
{
    public required string When { get; init; }

    public string? Date { get; init; }

    public required TimelineKind Kind { get; init; }

    public required string Text { get; init; }

    public required string DocumentId { get; init; }

    public required int Start { get; init; }

    public required int End { get; init; }

    public required int Citation { get; init; }
}
