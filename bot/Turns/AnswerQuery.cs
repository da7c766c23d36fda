namespace BriefingBot.Bot.Turns;

/// <summary>A question, the conversation it was asked in, and what was said before in that conversation.</summary>
public sealed record AnswerQuery(string Question, string ConversationKey, IReadOnlyList<ConversationExchange> History);
