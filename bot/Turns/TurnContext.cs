using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Turns;

/// <summary>One incoming activity, where its replies go, and whether the replies may be streamed.</summary>
/// <param name="Activity">The activity as received.</param>
/// <param name="Sender">Delivers the replies.</param>
/// <param name="CanStream">False when the replies are collected and returned at once (<c>expectReplies</c>).</param>
public sealed record TurnContext(Activity Activity, IActivitySender Sender, bool CanStream)
{
    /// <summary>
    /// The client is the bot's own Bot Framework Web Chat: answers carry <c>cite:</c> footnotes, the AI label and
    /// feedback actions, and stream as Web Chat livestreaming.
    /// </summary>
    public bool WebChatClient { get; init; }
}
