using BriefingBot.Memory.Documents;

namespace BriefingBot.Bot.Contracts;

public sealed record DocumentResponse(
    string Id,
    string Title,
    string? Source,
    DateTimeOffset? Published,
    string ContentType,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Tags,
    int Chunks,
    int Tokens,
    DateTimeOffset Updated)
{
    /// <summary><c>ready</c> when the document is stored and searchable; omitted in listings.</summary>
    public string? Status { get; init; }

    public static DocumentResponse From(DocumentInfo d) =>
        new(d.Id, d.Title, d.Source, d.Published, d.ContentType, d.Tags, d.ChunkCount, d.TokenCount, d.Updated);
}
