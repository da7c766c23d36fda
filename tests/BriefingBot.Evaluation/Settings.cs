using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using BriefingBot.Memory;

namespace BriefingBot.Evaluation;

/// <summary>
/// The product's own settings: the <c>Memory</c> section of the repository's appsettings.json, with the command line's
/// <c>--option Path=Value</c> overrides (for example <c>Answer:SemanticCandidates=6</c>) applied on top.
/// </summary>
internal static class Settings
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<string> Overrides { get; set; } = [];

    public static MemoryOptions Load(Workspace workspace)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(workspace.Repository, "appsettings.json")))!.AsObject();
        var section = root[MemoryOptions.SectionName] as JsonObject ?? [];
        foreach (var entry in Overrides)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--option needs Path=Value (e.g. Answer:SemanticCandidates=6), not '{entry}'.");
            }

            var path = entry[..equals].Split(':', '.');
            var value = entry[(equals + 1)..];
            var node = section;
            foreach (var part in path[..^1])
            {
                node = node[part] as JsonObject ?? throw new ArgumentException($"--option {entry}: no settings section '{part}'.");
            }

            node[path[^1]] = double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : bool.TryParse(value, out var flag) ? JsonValue.Create(flag) : JsonValue.Create(value);
        }

        return section.Deserialize<MemoryOptions>(Json) ?? new MemoryOptions();
    }
}
