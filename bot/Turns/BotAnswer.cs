using BriefingBot.Memory.Answering;

namespace BriefingBot.Bot.Turns;

/// <summary>A finished answer with the follow-up questions to offer after it.</summary>
public sealed record BotAnswer(Answer Answer, IReadOnlyList<string> FollowUps);
