namespace BriefingBot.Memory.Storage;

public sealed record StoreStatistics(int Documents, int Chunks, long Tokens, long BytesOnDisk, string EmbeddingModel);
