namespace BriefingBot.Bot.Api;

/// <summary>Steps <see cref="Done"/> of <see cref="Total"/>, the step now running, and the errors so far.</summary>
public sealed record JobProgressResponse(int Done, int Total, string? Step, IReadOnlyList<string> Errors);
