namespace BriefingBot.Memory.Answering;

/// <summary>
/// The other names news uses for a few actors that are constantly in it: a government by its capital or its
/// adjective ("Washington", "American" for the United States; "Moscow", "the Kremlin" for Russia), an organisation by
/// its acronym ("Nato", "NATO"). A small, fixed table of general news usage; a name not in it is only itself.
/// </summary>
public static class NameAliases
{
    private static readonly string[][] Groups =
    [
        ["United States", "US", "U.S.", "USA", "United States of America", "America", "American", "Americans", "Washington"],
        ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British"],
        ["Russia", "Russian", "Russians", "Russian Federation", "Moscow", "Kremlin"],
        ["Nato", "NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"],
        ["European Union", "EU", "E.U."],
        ["United Nations", "UN", "U.N."],
        ["China", "Chinese", "Beijing"],
        ["Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev"],
    ];

    private static readonly Dictionary<string, string[]> ByName = Groups
        .SelectMany(g => g.Select(name => (name, g)))
        .ToDictionary(x => x.name, x => x.g, StringComparer.Ordinal);

    /// <summary>True when the table knows the name.</summary>
    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    /// <summary>The name and every other form of it in the table (the name alone when the table does not know it).</summary>
    public static IReadOnlyList<string> FormsOf(string name) =>
        ByName.TryGetValue(name, out var group) ? group : [name];
}
