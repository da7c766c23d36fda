namespace BriefingBot.Memory.Briefings;

/// <summary>
/// A direct quotation and who said it. <see cref="Quote"/> is exactly the document's normalised text from
/// <see cref="Start"/> to <see cref="End"/> (the words inside the quotation marks).
/// </summary>
public sealed record AttributedQuote
{
    public required string Speaker { get; init; }

    public string? Role { get; init; }

    public required string Quote { get; init; }

    public required string DocumentId { get; init; }

    public required int Start { get; init; }

    public required int End { get; init; }

    /// <summary>The number of the citation holding the quotation.</summary>
    public required int Citation { get; init; }
}
