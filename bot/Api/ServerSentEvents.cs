using System.Text.Json;
using BriefingBot.Bot.Contracts;

namespace BriefingBot.Bot.Api;

/// <summary>Writes server-sent events (<c>event:</c> name, one <c>data:</c> line of JSON) and flushes each one.</summary>
public sealed class ServerSentEvents(HttpResponse response)
{
    public async Task WriteAsync<T>(string name, T data, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(data, BotJson.Options);
        await response.WriteAsync($"event: {name}\ndata: {json}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
