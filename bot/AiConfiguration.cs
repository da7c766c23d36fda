using System.Reflection;
using BriefingBot.Memory.Generation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.Extensions.FileProviders;

namespace BriefingBot.Bot;

/// <summary>
/// Reads and checks the <c>AI</c> section at start-up: an unusable value fails with a message naming the setting,
/// and an API key written into a settings file is refused (keys come from the environment or user secrets).
/// </summary>
internal static class AiConfiguration
{
    public static AiOptions Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(AiOptions.SectionName);
        AiOptions options;
        try
        {
            options = section.Get<AiOptions>() ?? new AiOptions();
        }
        catch (InvalidOperationException e)
        {
            var bad = section.AsEnumerable().FirstOrDefault(kv => kv.Value is not null && e.Message.Contains($"'{kv.Key}'", StringComparison.Ordinal));
            throw new AiConfigurationException(bad.Key switch
            {
                null => $"The AI settings cannot be read: {e.Message}",
                "AI:Provider" => $"AI:Provider must be None, AzureOpenAI or OpenAI (got '{bad.Value}').",
                "AI:UnsupportedSentences" => $"AI:UnsupportedSentences must be Remove or Flag (got '{bad.Value}').",
                _ => $"{bad.Key} has a value of the wrong kind ('{bad.Value}'); see docs/GENERATIVE.md for the accepted values.",
            });
        }

        if (configuration is IConfigurationRoot root)
        {
            foreach (var file in root.Providers.OfType<FileConfigurationProvider>().Where(f => !IsUserSecrets(f)))
            {
                if (file.TryGet($"{AiOptions.SectionName}:{nameof(AiOptions.ApiKey)}", out var key) && !string.IsNullOrWhiteSpace(key))
                {
                    throw new AiConfigurationException(
                        $"AI:ApiKey must not be written in {file.Source.Path}: set the environment variable AI__ApiKey or the user secret AI:ApiKey instead.");
                }
            }
        }

        options.Validate();
        return options;
    }

    /// <summary>The user-secrets file (outside the project, per user) is where a key may be kept, unlike appsettings files.</summary>
    private static bool IsUserSecrets(FileConfigurationProvider file)
    {
        var id = typeof(AiConfiguration).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()?.UserSecretsId;
        if (id is null || file.Source.FileProvider is not PhysicalFileProvider physical || file.Source.Path is null)
        {
            return false;
        }

        return string.Equals(
            Path.GetFullPath(Path.Combine(physical.Root, file.Source.Path)),
            Path.GetFullPath(PathHelper.GetSecretsPathFromSecretsId(id)),
            StringComparison.Ordinal);
    }
}
