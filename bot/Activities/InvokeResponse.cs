using System.Text.Json;

namespace BriefingBot.Bot.Activities;

/// <summary>The synchronous answer to an <c>invoke</c> activity: the HTTP status and an optional JSON body.</summary>
public sealed record InvokeResponse(int Status, JsonElement? Body = null)
{
    public static InvokeResponse Ok() => new(200);

    public static InvokeResponse NotImplemented() => new(501);
}
