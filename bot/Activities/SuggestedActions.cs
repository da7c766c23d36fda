using System.Text.Json;
using System.Text.Json.Serialization;

namespace BriefingBot.Bot.Activities;

/// <summary>Buttons offered with a message, gone once the user answers.</summary>
public sealed class SuggestedActions
{
    public List<string>? To { get; set; }

    public List<CardAction> Actions { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}
