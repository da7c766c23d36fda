namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>What an extractor found in a file: the readable body and whatever metadata the format carries.</summary>
public sealed record ExtractedText
{
    /// <summary>The body as paragraphs separated by blank lines; normalised later by <see cref="TextNormalizer"/>.</summary>
    public required string Text { get; init; }

    public string? Title { get; init; }

    public DateTimeOffset? Published { get; init; }

    /// <summary>The MIME type of the source, e.g. <c>text/html</c>.</summary>
    public required string ContentType { get; init; }
}
