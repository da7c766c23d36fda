using BriefingBot.Memory.Ingestion.Chunking;

namespace BriefingBot.Memory.Storage;

/// <summary>A chunk ready to store: the passage and its unit-length embedding.</summary>
public sealed record NewChunk(TextChunk Chunk, ReadOnlyMemory<float> Embedding);
