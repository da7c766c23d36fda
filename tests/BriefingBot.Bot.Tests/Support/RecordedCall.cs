using System.Text.Json;
using BriefingBot.Bot.Activities;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>One request the bot made to the recording Connector, and how it was answered.</summary>
public sealed record RecordedCall(string Method, string RawTarget, string? Authorization, string Body, DateTimeOffset At, int Status, string? AssignedId)
{
    public Activity Activity => JsonSerializer.Deserialize<Activity>(Body, ActivityJson.Options)!;
}
