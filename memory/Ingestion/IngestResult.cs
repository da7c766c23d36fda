namespace BriefingBot.Memory.Ingestion;

/// <summary>What happened to one document, with the pipeline steps it went through (Kernel Memory's step names).</summary>
public sealed record IngestResult
{
    public required string DocumentId { get; init; }

    public string? Source { get; init; }

    public required IngestOutcome Outcome { get; init; }

    public int Chunks { get; init; }

    public int Tokens { get; init; }

    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>The stored document's version (its content hash) after a created, replaced or unchanged outcome.</summary>
    public string? Version { get; init; }

    public string? Error { get; init; }

    /// <summary>The store refused the document (locked, full, connection lost), not its content: trying again may succeed.</summary>
    public bool Transient { get; init; }
}
