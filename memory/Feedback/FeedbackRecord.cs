namespace BriefingBot.Memory.Feedback;

/// <summary>A user's rating of one answer: <c>like</c> or <c>dislike</c>, with an optional comment.</summary>
public sealed record FeedbackRecord(
    string ConversationKey,
    string MessageId,
    string? UserId,
    string Reaction,
    string? Comment,
    DateTimeOffset Received)
{
    /// <summary><c>positive</c> for a like, <c>negative</c> for a dislike, <c>other</c> for anything else (a bounded tag).</summary>
    public static string ReactionName(string reaction) => reaction.ToLowerInvariant() switch
    {
        "like" => "positive",
        "dislike" => "negative",
        _ => "other",
    };
}
