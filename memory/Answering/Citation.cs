namespace BriefingBot.Memory.Answering;

/// <summary>
/// One numbered source of an answer: the passage (chunk) and the exact supporting quote, where
/// <c>Quote == documentText[Start..End]</c> in the document's normalised text.
/// </summary>
public sealed record Citation
{
    public required int N { get; init; }

    public required string DocumentId { get; init; }

    public required string Title { get; init; }

    public string? Source { get; init; }

    public DateTimeOffset? Published { get; init; }

    /// <summary>The chunk's number within its document.</summary>
    public required int Chunk { get; init; }

    /// <summary>The whole passage.</summary>
    public required string Text { get; init; }

    public required string Quote { get; init; }

    public required int Start { get; init; }

    public required int End { get; init; }

    /// <summary>Cosine similarity of the passage to the question.</summary>
    public required float Relevance { get; init; }
}
