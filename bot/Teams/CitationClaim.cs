using System.Text.Json.Serialization;

namespace BriefingBot.Bot.Teams;

/// <summary>One citation of a Teams answer: the marker number and what the citation pop-up shows.</summary>
public sealed record CitationClaim(
    [property: JsonPropertyName("position")] int Position,
    [property: JsonPropertyName("appearance")] CitationAppearance Appearance)
{
    [JsonPropertyName("@type")]
    public string SchemaType { get; init; } = "Claim";
}
