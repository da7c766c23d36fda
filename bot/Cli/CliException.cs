namespace BriefingBot.Bot.Cli;

/// <summary>A usage error: printed to stderr with exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
