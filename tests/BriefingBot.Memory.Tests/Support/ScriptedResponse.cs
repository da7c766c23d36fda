using System.Text.Json;

namespace BriefingBot.Memory.Tests.Support;

/// <summary>What the scripted model server answers to one request, in the OpenAI wire format.</summary>
public sealed record ScriptedResponse
{
    public int Status { get; init; } = 200;

    public string ContentType { get; init; } = "application/json";

    /// <summary>The body, or for a stream the server-sent events, each written and flushed in turn.</summary>
    public IReadOnlyList<string> Parts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>How long the server waits before answering.</summary>
    public TimeSpan Delay { get; init; }

    public static ScriptedResponse Chat(string content, string model = "scripted-model") => new()
    {
        Parts =
        [
            JsonSerializer.Serialize(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1700000000,
                model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
            }),
        ],
    };

    public static ScriptedResponse Stream(IEnumerable<string> deltas, string model = "scripted-model")
    {
        var events = deltas.Select(d => Event(new
        {
            id = "chatcmpl-1",
            @object = "chat.completion.chunk",
            created = 1700000000,
            model,
            choices = new[] { new { index = 0, delta = new { role = "assistant", content = d }, finish_reason = (string?)null } },
        })).ToList();
        events.Add(Event(new
        {
            id = "chatcmpl-1",
            @object = "chat.completion.chunk",
            created = 1700000000,
            model,
            choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } },
        }));
        events.Add("data: [DONE]\n\n");
        return new ScriptedResponse { ContentType = "text/event-stream", Parts = events };
    }

    public static ScriptedResponse Error(int status, string message, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Status = status,
        Parts = [JsonSerializer.Serialize(new { error = new { message, type = "scripted", code = status.ToString(System.Globalization.CultureInfo.InvariantCulture) } })],
        Headers = headers ?? new Dictionary<string, string>(),
    };

    public static ScriptedResponse Embeddings(IReadOnlyList<float[]> vectors, string model = "scripted-embeddings") => new()
    {
        Parts =
        [
            JsonSerializer.Serialize(new
            {
                @object = "list",
                data = vectors.Select((v, i) => new { @object = "embedding", index = i, embedding = v }).ToArray(),
                model,
                usage = new { prompt_tokens = 1, total_tokens = 1 },
            }),
        ],
    };

    private static string Event(object chunk) => "data: " + JsonSerializer.Serialize(chunk) + "\n\n";
}
