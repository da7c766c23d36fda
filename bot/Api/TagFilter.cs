using BriefingBot.Memory.Storage;

namespace BriefingBot.Bot.Api;

/// <summary>Tag filters as the API receives them: a JSON object of key → values, or <c>tag=key:value</c> query parameters.</summary>
public static class TagFilter
{
    public static MemoryFilter From(Dictionary<string, List<string>>? tags) =>
        new() { Tags = (tags ?? []).ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value) };

    /// <summary>Parses <c>key:value</c> (or <c>key=value</c>) items; values of one key are alternatives.</summary>
    public static (MemoryFilter? Filter, string? Error) Parse(IEnumerable<string?> items)
    {
        var tags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var separator = item?.IndexOfAny([':', '=']) ?? -1;
            if (item is null || separator <= 0 || separator == item.Length - 1)
            {
                return (null, $"'{item}' is not a tag filter; write key:value, e.g. desk:europe.");
            }

            var key = item[..separator].Trim().ToLowerInvariant();
            if (!tags.TryGetValue(key, out var values))
            {
                tags[key] = values = [];
            }

            values.Add(item[(separator + 1)..].Trim());
        }

        return (From(tags), null);
    }
}
