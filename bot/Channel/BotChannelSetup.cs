using BriefingBot.Memory.Feedback;
using BriefingBot.Bot.Turns;
using BriefingBot.Memory;
using BriefingBot.Memory.Briefings;
using BriefingBot.Memory.Conversations;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BriefingBot.Bot.Channel;

/// <summary>Registers and maps the Bot Framework messaging endpoint and the turn logic behind it.</summary>
public static class BotChannelSetup
{
    public const string HttpClientName = "bot-framework";

    public static BotOptions AddBotChannel(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(BotOptions.SectionName).Get<BotOptions>() ?? new BotOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("The bot's settings cannot be used: " + string.Join(" ", problems));
        }

        var turns = configuration.GetSection(BotOptions.SectionName + ":Turns").Get<TurnOptions>() ?? new TurnOptions();
        services.AddSingleton(options);
        services.AddSingleton(turns);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<ServiceUrlTrust>();
        services.AddSingleton(sp => new BotAuthenticator(
            options, Http(sp), sp.GetRequiredService<ServiceUrlTrust>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BotAuthenticator>>()));
        services.AddSingleton<IConnectorTokenProvider>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            return !options.AuthenticationEnabled
                ? new AnonymousTokenProvider()
                : new CachedTokenProvider(
                    options.MicrosoftAppType == BotAppType.UserAssignedMSI
                        ? new ManagedIdentityTokenAcquirer(options, Http(sp), time)
                        : new ClientCredentialsTokenAcquirer(options, Http(sp), time),
                    time);
        });
        services.AddSingleton(sp => new ConnectorClient(
            Http(sp), sp.GetRequiredService<IConnectorTokenProvider>(), sp.GetRequiredService<ServiceUrlTrust>(), options,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ConnectorClient>>()));
        services.TryAddSingleton<IAnswerSource>(sp => new ConversationAnswerSource(sp.GetRequiredService<ConversationService>(), sp.GetRequiredService<MemoryOptions>().Search));
        services.TryAddSingleton<ISourceCatalog>(sp => new MemorySourceCatalog(sp.GetRequiredService<BriefingMemory>()));
        services.TryAddSingleton<IBriefingSource>(sp => new MemoryBriefingSource(sp.GetRequiredService<BriefingBuilder>()));
        services.AddSingleton<BriefingTurnHandler>();
        services.AddSingleton<TurnQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<TurnQueue>());
        services.AddSingleton<MessagesEndpoint>();
        return options;
    }

    public static void MapBotChannel(this WebApplication app, BotOptions options)
    {
        AnonymousModeGuard.Register(app, options);
        var endpoint = app.Services.GetRequiredService<MessagesEndpoint>();
        app.MapPost("/api/messages", (Func<HttpContext, Task<IResult>>)endpoint.PostAsync);
        app.MapMethods("/api/messages", ["HEAD"], () => Results.Ok());
    }

    private static HttpClient Http(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
}
