using Microsoft.Extensions.AI;

namespace BriefingBot.Memory.Embedding;

/// <summary>
/// Whether a text is a stored passage or a search query. Retrieval models such as Arctic Embed encode the two
/// differently; the purpose travels in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>.
/// </summary>
public static class EmbeddingPurpose
{
    public const string PropertyName = "input_type";
    public const string Query = "query";
    public const string Passage = "passage";

    public static EmbeddingGenerationOptions QueryOptions { get; } = new()
    {
        AdditionalProperties = new AdditionalPropertiesDictionary { [PropertyName] = Query },
    };

    public static bool IsQuery(EmbeddingGenerationOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(PropertyName, out var value) == true && Query.Equals(value as string, StringComparison.Ordinal);
}
