using System.Globalization;
using System.Text.Json;
using Microsoft.SemanticKernel;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// The prompt templates, read at run time from the prompts folder (Semantic Kernel's prompt-directory format), so a
/// prompt changes without a rebuild. Every function in <see cref="PromptNames.All"/> must be present.
/// </summary>
public sealed class PromptLibrary
{
    private readonly Dictionary<string, string> _templates;

    private PromptLibrary(string folder, KernelPlugin plugin, Dictionary<string, string> templates)
    {
        Folder = folder;
        Plugin = plugin;
        _templates = templates;
    }

    public string Folder { get; }

    public KernelPlugin Plugin { get; }

    public static PromptLibrary Load(Kernel kernel, string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new AiConfigurationException($"AI:PromptsFolder: the prompt templates' folder {folder} does not exist.");
        }

        var missing = PromptNames.All.Where(n => !File.Exists(Path.Combine(folder, n, "skprompt.txt")) || !File.Exists(Path.Combine(folder, n, "config.json"))).ToList();
        if (missing.Count > 0)
        {
            throw new AiConfigurationException(
                $"AI:PromptsFolder: {folder} lacks the prompt(s) {string.Join(", ", missing)} (each a folder with skprompt.txt and config.json).");
        }

        KernelPlugin plugin;
        try
        {
            plugin = kernel.CreatePluginFromPromptDirectory(folder, PromptNames.PluginName);
        }
        catch (Exception e) when (e is KernelException or JsonException or ArgumentException)
        {
            throw new AiConfigurationException($"AI:PromptsFolder: the prompts in {folder} cannot be read: {e.Message}");
        }

        var templates = PromptNames.All.ToDictionary(n => n, n => File.ReadAllText(Path.Combine(folder, n, "skprompt.txt")), StringComparer.Ordinal);
        return new PromptLibrary(folder, plugin, templates);
    }

    public KernelFunction this[string name] => Plugin[name];

    /// <summary>The template text as written (before rendering).</summary>
    public string Template(string name) => _templates[name];

    /// <summary>The most tokens the function lets the model write (<c>max_tokens</c> of its config.json), or the fallback.</summary>
    public int MaxOutputTokens(string name, int fallback)
    {
        var settings = Plugin[name].ExecutionSettings;
        if (settings is null || !settings.TryGetValue(PromptExecutionSettings.DefaultServiceId, out var defaults) || defaults.ExtensionData is null)
        {
            return fallback;
        }

        return defaults.ExtensionData.TryGetValue("max_tokens", out var value) && value is not null
            && int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var tokens) && tokens > 0
            ? tokens
            : fallback;
    }
}
