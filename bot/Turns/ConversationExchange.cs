namespace BriefingBot.Bot.Turns;

/// <summary>One question and the answer given to it.</summary>
public sealed record ConversationExchange(string Question, string Answer, DateTimeOffset At);
