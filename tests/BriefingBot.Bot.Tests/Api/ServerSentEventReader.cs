using System.Net;
using System.Text.Json;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>Reads a <c>text/event-stream</c> response as it arrives, event by event, noting when each came.</summary>
public static class ServerSentEventReader
{
    public sealed record Event(string Name, JsonElement Data, TimeSpan At);

    public static async Task<List<Event>> ReadAllAsync(HttpClient http, HttpRequestMessage request)
    {
        var ct = TestContext.Current.CancellationToken;
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        var events = new List<Event>();
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.Length == 0 && name is not null && data is not null)
            {
                events.Add(new Event(name, JsonDocument.Parse(data).RootElement, started.Elapsed));
                (name, data) = (null, null);
            }
        }

        return events;
    }
}
