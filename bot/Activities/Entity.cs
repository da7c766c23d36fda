using System.Text.Json;
using System.Text.Json.Serialization;

namespace BriefingBot.Bot.Activities;

/// <summary>
/// One entry of an activity's <c>entities</c>: a <c>type</c> and whatever else that type carries (mentions,
/// <c>clientInfo</c>, schema.org <c>Message</c>, <c>streaminfo</c>, …), kept as JSON.
/// </summary>
public sealed class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>An entity from any object that serialises with a <c>type</c> member.</summary>
    public static Entity From<T>(T value) =>
        JsonSerializer.Deserialize<Entity>(JsonSerializer.SerializeToUtf8Bytes(value, ActivityJson.Options), ActivityJson.Options)
        ?? throw new ArgumentException("The entity serialised to null.", nameof(value));

    /// <summary>This entity read as <typeparamref name="T"/>.</summary>
    public T? As<T>() => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(this, ActivityJson.Options), ActivityJson.Options);

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);
}
