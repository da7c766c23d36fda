namespace BriefingBot.Memory.Retrieval;

public sealed record SearchResult(string Query, IReadOnlyList<SearchHit> Hits, ReadOnlyMemory<float> QueryVector);
