namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>A file that cannot be read as its format claims (corrupt, empty, unknown or over a limit).</summary>
public sealed class ExtractionException(string message, Exception? inner = null) : Exception(message, inner);
