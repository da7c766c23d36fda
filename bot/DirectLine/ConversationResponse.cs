using System.Text.Json.Serialization;

namespace BriefingBot.Bot.DirectLine;

/// <summary>The Direct Line <c>Conversation</c> object returned by the token and conversation operations.</summary>
public sealed record ConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl")] string? StreamUrl = null);
