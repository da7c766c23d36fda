using System.Text.Json;

namespace BriefingBot.Evaluation.Data;

/// <summary>Reads JSON Lines files one object at a time.</summary>
internal static class Jsonl
{
    public static IEnumerable<JsonElement> Read(params string[] paths)
    {
        foreach (var path in paths)
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length > 0)
                {
                    using var document = JsonDocument.Parse(line);
                    yield return document.RootElement.Clone();
                }
            }
        }
    }

    public static string? String(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static IEnumerable<T> Subsample<T>(this IEnumerable<T> items, int? count)
    {
        if (count is not { } n)
        {
            return items;
        }

        var all = items.ToList();
        if (n >= all.Count)
        {
            return all;
        }

        // Evenly spaced, so a quick run sees the same spread of the set every time.
        return Enumerable.Range(0, n).Select(i => all[(int)((long)i * all.Count / n)]);
    }
}
