using System.Text.Json;
using System.Text.Json.Serialization;
using BriefingBot.Memory;

namespace BriefingBot.Evaluation;

/// <summary>The product's own settings: the <c>Memory</c> section of the repository's appsettings.json.</summary>
internal static class Settings
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static MemoryOptions Load(Workspace workspace)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Repository, "appsettings.json")));
        return document.RootElement.TryGetProperty(MemoryOptions.SectionName, out var section)
            ? section.Deserialize<MemoryOptions>(Json) ?? new MemoryOptions()
            : new MemoryOptions();
    }
}
