namespace BriefingBot.Memory.Documents;

/// <summary>
/// A document's tags: keys with one or more values (<c>desk=europe</c>, <c>topic=russia</c>, <c>topic=nato</c>).
/// Keys are lower-cased; keys and values are trimmed; order does not matter.
/// </summary>
public sealed class TagSet
{
    private readonly SortedDictionary<string, SortedSet<string>> _tags = new(StringComparer.Ordinal);

    public static TagSet Empty => new();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToDictionary() =>
        _tags.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value.ToList(), StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, string>> Pairs =>
        _tags.SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v)));

    public bool IsEmpty => _tags.Count == 0;

    public TagSet Add(string key, string value)
    {
        key = key.Trim().ToLowerInvariant();
        value = value.Trim();
        if (key.Length == 0 || value.Length == 0 || key.Contains('=') || key.Length > 100 || value.Length > 400)
        {
            throw new ArgumentException($"Invalid tag '{key}={value}': a non-empty key without '=' (≤ 100 chars) and a non-empty value (≤ 400 chars).");
        }

        if (!_tags.TryGetValue(key, out var values))
        {
            _tags[key] = values = new SortedSet<string>(StringComparer.Ordinal);
        }

        values.Add(value);
        return this;
    }

    /// <summary>Parses <c>key=value</c>.</summary>
    public TagSet Add(string pair)
    {
        var equals = pair.IndexOf('=');
        if (equals <= 0)
        {
            throw new ArgumentException($"Invalid tag '{pair}': expected key=value.");
        }

        return Add(pair[..equals], pair[(equals + 1)..]);
    }

    public static TagSet From(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var set = new TagSet();
        foreach (var (key, value) in pairs)
        {
            set.Add(key, value);
        }

        return set;
    }

    public override string ToString() => string.Join(", ", Pairs.Select(p => $"{p.Key}={p.Value}"));
}
