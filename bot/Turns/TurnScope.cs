using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Turns;

/// <summary>The logging scope of one bot turn: its activity id, conversation id and channel.</summary>
internal static class TurnScope
{
    public const string ActivityIdKey = "ActivityId";
    public const string ConversationIdKey = "ConversationId";
    public const string ChannelIdKey = "ChannelId";

    public static Dictionary<string, object?> Of(Activity activity) => new()
    {
        [ActivityIdKey] = activity.Id,
        [ConversationIdKey] = activity.Conversation?.Id,
        [ChannelIdKey] = activity.ChannelId,
    };
}
