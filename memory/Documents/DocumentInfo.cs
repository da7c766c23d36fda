namespace BriefingBot.Memory.Documents;

/// <summary>What the memory knows about one stored document.</summary>
public sealed record DocumentInfo
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>Where it came from: a file path, a URL, or a caller's label.</summary>
    public string? Source { get; init; }

    public DateTimeOffset? Published { get; init; }

    public required string ContentType { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Tags { get; init; }

    public required int ChunkCount { get; init; }

    public required int TokenCount { get; init; }

    /// <summary>SHA-256 of everything that shaped the stored chunks; equal hashes mean re-ingesting does nothing.</summary>
    public required string ContentHash { get; init; }

    public required DateTimeOffset Updated { get; init; }
}
