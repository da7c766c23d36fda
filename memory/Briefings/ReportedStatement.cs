namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Reported (indirect) speech: "Putin claimed the US was considering…". <see cref="Text"/> is the sentence as the
/// document has it, from <see cref="Start"/> to <see cref="End"/>.
/// </summary>
public sealed record ReportedStatement
{
    public required string Speaker { get; init; }

    public string? Role { get; init; }

    /// <summary>The reporting verb as written ("claimed", "said", "warned").</summary>
    public required string Verb { get; init; }

    public required string Text { get; init; }

    public required string DocumentId { get; init; }

    public required int Start { get; init; }

    public required int End { get; init; }

    public required int Citation { get; init; }
}
