using BriefingBot.Memory.Generation;
using Microsoft.Extensions.Configuration;

namespace BriefingBot.Evaluation;

/// <summary>
/// The <c>AI</c> section bound as the bot binds it: the repository's appsettings.json, then the environment
/// (<c>AI__Provider</c>, <c>AI__Endpoint</c>, <c>AI__ChatModel</c>, <c>AI__ApiKey</c>, …), checked by <see cref="AiOptions.Validate"/>.
/// </summary>
internal static class AiSettings
{
    public static AiOptions Load(Workspace workspace)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(workspace.Repository, "appsettings.json"), optional: false)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(AiOptions.SectionName).Get<AiOptions>() ?? new AiOptions();
        options.Validate();
        return options;
    }
}
