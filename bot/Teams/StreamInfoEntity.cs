using System.Text.Json.Serialization;

namespace BriefingBot.Bot.Teams;

/// <summary>The <c>streaminfo</c> entity of a Teams streamed reply.</summary>
public sealed record StreamInfoEntity(
    [property: JsonPropertyName("streamType")] string StreamType,
    [property: JsonPropertyName("streamSequence")] int? StreamSequence,
    [property: JsonPropertyName("streamId")] string? StreamId)
{
    public const string EntityType = "streaminfo";
    public const string Informative = "informative";
    public const string Streaming = "streaming";
    public const string Final = "final";

    [JsonPropertyName("type")]
    public string Type { get; init; } = EntityType;

    [JsonPropertyName("streamResult")]
    public string? StreamResult { get; init; }
}
