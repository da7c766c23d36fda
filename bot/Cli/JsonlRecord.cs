using System.Globalization;
using System.Text.Json;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// One document per JSON line: <c>id</c> or <c>_id</c>, <c>title</c>, <c>text</c>, and optional <c>tags</c>
/// (an object of strings or string arrays), <c>source</c> and <c>date</c>. The BEIR corpus format is one such file.
/// </summary>
internal static class JsonlRecord
{
    public static IngestRequest Parse(string line, TagSet commonTags)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var id = String(root, "id") ?? String(root, "_id") ?? throw new FormatException("the record has no \"id\" or \"_id\".");
        var text = String(root, "text") ?? throw new FormatException($"record '{id}' has no \"text\".");
        var tags = TagSet.From(commonTags.Pairs);
        if (root.TryGetProperty("tags", out var tagElement) && tagElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in tagElement.EnumerateObject())
            {
                if (tag.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var value in tag.Value.EnumerateArray())
                    {
                        tags.Add(tag.Name, value.ToString());
                    }
                }
                else
                {
                    tags.Add(tag.Name, tag.Value.ToString());
                }
            }
        }

        DateTimeOffset? date = null;
        if ((String(root, "date") ?? String(root, "published")) is { } dateText
            && DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            date = parsed;
        }

        return new IngestRequest
        {
            DocumentId = DocumentId.Validate(id),
            Title = String(root, "title"),
            Text = text,
            Source = String(root, "source") ?? String(root, "url"),
            Published = date,
            Tags = tags,
        };
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;
}
