namespace BriefingBot.Bot.Activities;

/// <summary>The body of the answer to an activity sent with <c>deliveryMode: expectReplies</c>.</summary>
public sealed record ExpectedReplies(IReadOnlyList<Activity> Activities);
