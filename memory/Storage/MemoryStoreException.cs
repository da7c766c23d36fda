namespace BriefingBot.Memory.Storage;

/// <summary>The store cannot do what was asked (locked, read-only, full, another model's vectors); nothing was changed.</summary>
public class MemoryStoreException(string message, Exception? inner = null) : Exception(message, inner);
