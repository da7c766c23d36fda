using BriefingBot.Memory.Retrieval;

namespace BriefingBot.Bot.Contracts;

/// <summary>The JSON of a search, the same on the CLI (<c>search --json</c>) and the HTTP API.</summary>
public sealed record SearchResponse(string Query, IReadOnlyList<SearchHitResponse> Hits)
{
    public static SearchResponse From(SearchResult result) => new(
        result.Query,
        result.Hits.Select(h => new SearchHitResponse(
            h.Document.Id, h.Document.Title, h.Chunk.Number, h.Chunk.Text, MathF.Round(h.Score, 6), MathF.Round(h.Relevance, 4),
            h.Chunk.Span.Start, h.Chunk.Span.End)).ToList());
}

public sealed record SearchHitResponse(string DocumentId, string Title, int Chunk, string Text, float Score, float Relevance, int Start, int End);
