using System.Text.Json;

namespace BriefingBot.Memory.Tests.Support;

/// <summary>A request the scripted model server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public bool IsChat => Path.EndsWith("/chat/completions", StringComparison.Ordinal);

    public bool IsEmbeddings => Path.EndsWith("/embeddings", StringComparison.Ordinal);

    /// <summary>The chat messages as (role, content) pairs.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        Json.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString()!, Content(m.GetProperty("content"))))
            .ToList();

    private static string Content(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : ""));
}
