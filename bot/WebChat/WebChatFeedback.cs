using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using BriefingBot.Bot.Activities;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.WebChat;

/// <summary>
/// Web Chat's thumbs up/down: an answer offers <c>LikeAction</c>/<c>DislikeAction</c> in its root <c>Message</c>
/// entity; a click posts the chosen action back as an <c>event</c> named <c>webchat:activity-status/feedback</c>.
/// The actions are bound to the answer's id when it is sent, and the event is read as the feedback
/// <c>invoke</c> the turn logic records.
/// </summary>
public static class WebChatFeedback
{
    public const string EventName = "webchat:activity-status/feedback";
    public const string Like = "LikeAction";
    public const string Dislike = "DislikeAction";
    public const string MessageEntityType = "https://schema.org/Message";

    /// <summary>The thumbs up and down actions an answer offers.</summary>
    public static JsonArray Actions() =>
    [
        new JsonObject { ["@type"] = Like, ["actionStatus"] = "PotentialActionStatus" },
        new JsonObject { ["@type"] = Dislike, ["actionStatus"] = "PotentialActionStatus" },
    ];

    /// <summary>Gives each feedback action of <paramref name="activity"/> an <c>@id</c> naming the activity it rates.</summary>
    public static void BindActions(Activity activity)
    {
        foreach (var entity in activity.Entities ?? [])
        {
            if (!entity.IsType(MessageEntityType) || entity.Properties is not { } properties
                || !properties.TryGetValue("potentialAction", out var actions) || actions.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var bound = new JsonArray();
            foreach (var action in actions.EnumerateArray())
            {
                if (JsonNode.Parse(action.GetRawText()) is JsonObject item)
                {
                    item["@id"] = $"{activity.Id}#{item["@type"]?.GetValue<string>()}";
                    bound.Add(item);
                }
            }

            properties["potentialAction"] = JsonSerializer.SerializeToElement(bound, ActivityJson.Options);
        }
    }

    /// <summary>Reads a Web Chat feedback event as the feedback <c>invoke</c> of <see cref="BriefingTurnHandler"/>.</summary>
    public static bool TryReadEvent(Activity posted, [NotNullWhen(true)] out Activity? invoke)
    {
        invoke = null;
        if (!posted.IsType(ActivityTypes.Event) || posted.Name != EventName)
        {
            return false;
        }

        var action = posted.Entities?.FirstOrDefault(e => e.Properties?.ContainsKey("@type") == true)?.Properties;
        if (action is null || !action.TryGetValue("@type", out var type) || !action.TryGetValue("@id", out var id)
            || id.ValueKind != JsonValueKind.String || id.GetString() is not { } bound)
        {
            return false;
        }

        var hash = bound.LastIndexOf('#');

        var reaction = type.GetString() switch
        {
            Like => "like",
            Dislike => "dislike",
            _ => null,
        };
        if (reaction is null || hash < 1)
        {
            return false;
        }

        invoke = new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = BriefingTurnHandler.FeedbackInvoke,
            Id = posted.Id,
            Timestamp = posted.Timestamp,
            ChannelId = posted.ChannelId,
            From = posted.From,
            Recipient = posted.Recipient,
            Conversation = posted.Conversation,
            Locale = posted.Locale,
            ReplyToId = bound[..hash],
            Value = JsonSerializer.SerializeToElement(
                new { actionName = "feedback", actionValue = new { reaction, feedback = (string?)null } }, ActivityJson.Options),
        };
        return true;
    }
}
