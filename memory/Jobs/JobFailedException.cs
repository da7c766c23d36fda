namespace BriefingBot.Memory.Jobs;

/// <summary>A job that cannot succeed however often it is tried (its input is bad); it fails without a retry.</summary>
public sealed class JobFailedException(string message, Exception? inner = null) : Exception(message, inner);
