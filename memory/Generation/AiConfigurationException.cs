namespace BriefingBot.Memory.Generation;

/// <summary>The <c>AI</c> settings are inconsistent; the message names each offending setting.</summary>
public sealed class AiConfigurationException(string message) : Exception(message);
