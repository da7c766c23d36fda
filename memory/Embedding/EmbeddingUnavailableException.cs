namespace BriefingBot.Memory.Embedding;

/// <summary>The embedding model could not turn a text into a vector (its endpoint failed or timed out); nothing was changed.</summary>
public sealed class EmbeddingUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
