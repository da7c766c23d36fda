namespace BriefingBot.Bot.Turns;

/// <summary>A question and the conversation it was asked in.</summary>
public sealed record AnswerQuery(string Question, string ConversationKey);
