using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Turns;

/// <summary>An activity waiting for a turn worker, with the correlation id of the HTTP request that brought it.</summary>
public sealed record QueuedTurn(Activity Activity, string CorrelationId);
