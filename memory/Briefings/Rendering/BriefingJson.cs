using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BriefingBot.Memory.Briefings.Rendering;

/// <summary>
/// The one JSON form of a briefing, used by every front end: camelCase, enums as camelCase strings, nulls omitted
/// (so <c>openQuestions</c> is absent without a model), quotation marks and non-ASCII text left readable.
/// </summary>
public static class BriefingJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(Briefing briefing, bool indented = false) =>
        JsonSerializer.Serialize(briefing, indented ? new JsonSerializerOptions(Options) { WriteIndented = true } : Options);

    /// <summary>Reads a briefing written by <see cref="Serialize"/> (a background job's result).</summary>
    /// <exception cref="JsonException">The text is not a briefing.</exception>
    public static Briefing Deserialize(string json) =>
        JsonSerializer.Deserialize<Briefing>(json, Options) ?? throw new JsonException("The JSON is not a briefing.");
}
