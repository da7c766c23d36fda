using System.Text.Json;
using System.Text.Json.Serialization;

namespace BriefingBot.Bot.Activities;

/// <summary>A clickable action (<c>imBack</c>, <c>postBack</c>, <c>messageBack</c>, <c>openUrl</c>, …).</summary>
public sealed class CardAction
{
    public string? Type { get; set; }

    public string? Title { get; set; }

    public string? Image { get; set; }

    public string? ImageAltText { get; set; }

    public string? Text { get; set; }

    public string? DisplayText { get; set; }

    public JsonElement? Value { get; set; }

    public JsonElement? ChannelData { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>A button that sends <paramref name="text"/> as if the user had typed it.</summary>
    public static CardAction ImBack(string text) => new()
    {
        Type = "imBack",
        Title = text,
        Value = JsonSerializer.SerializeToElement(text, ActivityJson.Options),
    };
}
