using System.Text.Json.Serialization;

namespace BriefingBot.Bot.Teams;

/// <summary>
/// The one root schema.org <c>Message</c> entity of a Teams answer: the citations whose <c>position</c> values match
/// the <c>[n]</c> markers of the text, and the "AI generated" label, which only generated content carries (an
/// extractive answer quotes the sources' own sentences).
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

    /// <summary><c>["AIGeneratedContent"]</c> for generated content (Teams shows the AI label), else null.</summary>
    [JsonPropertyName("additionalType")]
    public IReadOnlyList<string>? AdditionalType { get; init; }

    [JsonPropertyName("citation")]
    public IReadOnlyList<CitationClaim>? Citation { get; init; }

    /// <summary>Whether content of this mode (<c>generative</c> or <c>extractive</c>) is written by a model.</summary>
    public static bool IsGenerated(string mode) =>
        string.Equals(mode, BriefingBot.Memory.Generation.GeneratedAnswerComposer.Mode, StringComparison.Ordinal)
        || string.Equals(mode, BriefingBot.Memory.Briefings.BriefingBuilder.GenerativeMode, StringComparison.Ordinal);

    /// <summary>The label for content of <paramref name="mode"/>: the AI label when generated, none when quoted.</summary>
    public static IReadOnlyList<string>? LabelFor(string mode) => IsGenerated(mode) ? [AiGeneratedContent] : null;
}
