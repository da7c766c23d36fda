using System.Text.Json.Serialization;

namespace BriefingBot.Bot.Teams;

/// <summary>
/// The one root schema.org <c>Message</c> entity of a Teams answer: the "AI generated" label and the citations whose
/// <c>position</c> values match the <c>[n]</c> markers of the text.
/// </summary>
public sealed record AiMessageEntity
{
    public const string EntityType = "https://schema.org/Message";
    public const string AiGeneratedContent = "AIGeneratedContent";

    [JsonPropertyName("type")]
    public string Type { get; init; } = EntityType;

    [JsonPropertyName("@type")]
    public string SchemaType { get; init; } = "Message";

    [JsonPropertyName("@context")]
    public string Context { get; init; } = "https://schema.org";

    [JsonPropertyName("@id")]
    public string SchemaId { get; init; } = "";

    [JsonPropertyName("additionalType")]
    public IReadOnlyList<string> AdditionalType { get; init; } = [AiGeneratedContent];

    [JsonPropertyName("citation")]
    public IReadOnlyList<CitationClaim>? Citation { get; init; }
}
