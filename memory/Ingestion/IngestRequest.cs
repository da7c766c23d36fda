using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Ingestion;

/// <summary>One document to ingest: a file's bytes (by its name's extension) or raw text, with its metadata.</summary>
public sealed record IngestRequest
{
    /// <summary>The id to store it under; when null, derived stably from <see cref="Source"/> or the content.</summary>
    public string? DocumentId { get; init; }

    public string? Title { get; init; }

    public string? Source { get; init; }

    public DateTimeOffset? Published { get; init; }

    public TagSet Tags { get; init; } = TagSet.Empty;

    /// <summary>A file name whose extension selects the extractor; null for raw text.</summary>
    public string? FileName { get; init; }

    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>Raw text, used when <see cref="FileName"/> is null.</summary>
    public string? Text { get; init; }

    /// <summary>What the document stored under the id must be for this one to replace it (the writer's scope, a version).</summary>
    public SaveCondition Condition { get; init; } = SaveCondition.None;

    public static IngestRequest FromText(string text, string? documentId = null, string? title = null) =>
        new() { Text = text, DocumentId = documentId, Title = title };

    /// <summary>Reads a file; the id defaults to the path relative to <paramref name="root"/> (or the file name).</summary>
    public static async Task<IngestRequest> FromFileAsync(string path, string? root = null, CancellationToken cancellationToken = default)
    {
        var relative = root is null ? Path.GetFileName(path) : Path.GetRelativePath(root, path);
        return new IngestRequest
        {
            DocumentId = Documents.DocumentId.FromPath(relative),
            Source = Path.GetFullPath(path),
            FileName = Path.GetFileName(path),
            Content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false),
        };
    }
}
