using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Turns;

/// <summary>One incoming activity, where its replies go, and whether the replies may be streamed.</summary>
/// <param name="Activity">The activity as received.</param>
/// <param name="Sender">Delivers the replies.</param>
/// <param name="CanStream">False when the replies are collected and returned at once (<c>expectReplies</c>).</param>
public sealed record TurnContext(Activity Activity, IActivitySender Sender, bool CanStream);
