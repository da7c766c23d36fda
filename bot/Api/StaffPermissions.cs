namespace BriefingBot.Bot.Api;

/// <summary>Reads permissions and tag scopes as they are written in the settings.</summary>
public static class StaffPermissions
{
    /// <summary><c>read</c>/<c>write</c> names; every permission when there are none.</summary>
    public static StaffPermission Parse(IReadOnlyCollection<string> names, string owner)
    {
        if (names.Count == 0)
        {
            return StaffPermission.All;
        }

        var permission = StaffPermission.None;
        foreach (var name in names)
        {
            permission |= name.Trim().ToLowerInvariant() switch
            {
                "read" => StaffPermission.Read,
                "write" => StaffPermission.Write,
                _ => throw new InvalidOperationException($"{owner}: unknown permission '{name}' (use 'read' and/or 'write')."),
            };
        }

        return permission;
    }

    /// <summary>A scope with keys lower-cased and values trimmed, empty values dropped.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Scope(IReadOnlyDictionary<string, List<string>>? tags) =>
        (tags ?? new Dictionary<string, List<string>>()).Where(t => !string.IsNullOrWhiteSpace(t.Key))
            .GroupBy(t => t.Key.Trim().ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<string>)g.SelectMany(t => t.Value).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
                StringComparer.Ordinal);
}
