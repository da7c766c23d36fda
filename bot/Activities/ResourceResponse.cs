namespace BriefingBot.Bot.Activities;

/// <summary>What the Connector answers to a sent activity: the id it was given.</summary>
public sealed record ResourceResponse(string? Id);
