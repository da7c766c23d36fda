namespace BriefingBot.Memory.Storage;

/// <summary>A chunk id with a score from one ranking (cosine similarity, or BM25 with higher = better).</summary>
public readonly record struct ScoredChunk(long ChunkId, float Score);
