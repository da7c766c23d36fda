namespace BriefingBot.WebChat.Tests.Support;

/// <summary>A Direct Line token and the conversation it is bound to.</summary>
public sealed record PageToken(string ConversationId, string Token);
