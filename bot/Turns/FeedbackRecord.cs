namespace BriefingBot.Bot.Turns;

/// <summary>A user's rating of one answer: <c>like</c> or <c>dislike</c>, with an optional comment.</summary>
public sealed record FeedbackRecord(
    string ConversationKey,
    string MessageId,
    string? UserId,
    string Reaction,
    string? Comment,
    DateTimeOffset Received);
