using System.Text.Json.Serialization;
using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.DirectLine;

/// <summary>The optional body of <c>tokens/generate</c> and <c>conversations</c>: <c>{user:{id,name}, locale, trustedOrigins}</c>.</summary>
public sealed record TokenParameters(
    [property: JsonPropertyName("user")] ChannelAccount? User,
    [property: JsonPropertyName("locale")] string? Locale,
    [property: JsonPropertyName("trustedOrigins")] List<string>? TrustedOrigins);
