using Microsoft.Extensions.Configuration;

namespace BriefingBot.Bot;

/// <summary>
/// Configuration for the CLI verbs, layered as the server's: appsettings.json, user secrets (where the AI key may
/// live), then environment variables.
/// </summary>
internal static class BotConfiguration
{
    public static IConfiguration Build(string[] args)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT");
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddUserSecrets(typeof(BotConfiguration).Assembly, optional: true)
            .AddEnvironmentVariables()
            .Build();
    }
}
