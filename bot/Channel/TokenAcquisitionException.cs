namespace BriefingBot.Bot.Channel;

/// <summary>The identity platform did not give a token.</summary>
public sealed class TokenAcquisitionException(string message, Exception? inner = null) : Exception(message, inner);
