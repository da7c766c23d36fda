namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>What an extractor found in a file: the readable body and whatever metadata the format carries.</summary>
public sealed record ExtractedText
{
    /// <summary>The body as paragraphs separated by blank lines; normalised later by <see cref="TextNormalizer"/>.</summary>
    public required string Text { get; init; }

    public string? Title { get; init; }

    public DateTimeOffset? Published { get; init; }

    /// <summary>When the source says it was last changed (HTML: <c>article:modified_time</c>, JSON-LD <c>dateModified</c>).</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>The address the source names as its own (HTML: <c>link rel=canonical</c>, <c>og:url</c>).</summary>
    public string? CanonicalUrl { get; init; }

    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>The outlet, as the source names itself (HTML: <c>og:site_name</c>, JSON-LD <c>publisher</c>).</summary>
    public string? SiteName { get; init; }

    /// <summary>The MIME type of the source, e.g. <c>text/html</c>.</summary>
    public required string ContentType { get; init; }
}
