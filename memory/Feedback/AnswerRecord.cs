namespace BriefingBot.Memory.Feedback;

/// <summary>An answer as sent: the message id the channel gave it, the question, the text and its citations (JSON).</summary>
public sealed record AnswerRecord(
    string ConversationKey,
    string MessageId,
    string Question,
    string Text,
    string CitationsJson,
    string Mode,
    DateTimeOffset Sent);
