using System.Text.Json.Serialization;

namespace BriefingBot.Bot.Teams;

/// <summary>The document a citation points at: title (≤ 80 characters), excerpt (≤ 160), link where there is one.</summary>
public sealed record CitationAppearance(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("abstract")] string Abstract,
    [property: JsonPropertyName("url")] string? Url)
{
    [JsonPropertyName("@type")]
    public string SchemaType { get; init; } = "DigitalDocument";

    [JsonPropertyName("keywords")]
    public IReadOnlyList<string>? Keywords { get; init; }
}
