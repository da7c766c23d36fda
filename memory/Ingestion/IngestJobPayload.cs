using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Ingestion;

/// <summary>
/// What an ingestion job ingests, besides its content: a file's name (its extension picks the extractor) or, when
/// null, the content is UTF-8 text; and the document's metadata.
/// </summary>
public sealed record IngestJobPayload
{
    public string? FileName { get; init; }

    public string? DocumentId { get; init; }

    public string? Title { get; init; }

    public string? Source { get; init; }

    public DateTimeOffset? Published { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Tags { get; init; }

    /// <summary>The scope of the caller who queued the job: a stored document outside it is not replaced.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Scope { get; init; }

    /// <summary>The version the caller required (<see cref="SaveCondition.IfMatch"/>).</summary>
    public string? IfMatch { get; init; }

    public IngestRequest ToRequest(byte[] content) => new()
    {
        FileName = FileName,
        Content = FileName is null ? ReadOnlyMemory<byte>.Empty : content,
        Text = FileName is null ? System.Text.Encoding.UTF8.GetString(content) : null,
        DocumentId = DocumentId,
        Title = Title,
        Source = Source,
        Published = Published,
        Tags = TagSet.From((Tags ?? new Dictionary<string, IReadOnlyList<string>>()).SelectMany(t => t.Value.Select(v => KeyValuePair.Create(t.Key, v)))),
        Condition = new SaveCondition { Scope = Scope ?? new Dictionary<string, IReadOnlyList<string>>(), IfMatch = IfMatch },
    };
}
