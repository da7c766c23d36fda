using BriefingBot.Bot.Api;
using BriefingBot.Bot.Channel;
using BriefingBot.Bot.Contracts;
using BriefingBot.Bot.DirectLine;
using BriefingBot.Bot.Jobs;
using BriefingBot.Bot.Operations;
using BriefingBot.Memory;
using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Bot;

/// <summary>
/// The HTTP host: health, the Bot Framework messaging endpoint, and the memory's ask (within a conversation when
/// <c>conversationId</c> is given; reset with <c>DELETE /api/conversations/{id}</c>) and search over JSON (the CLI's
/// JSON shapes).
/// </summary>
internal static class BotServer
{
    public const string DefaultUrl = "http://localhost:3978";

    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (builder.Configuration["urls"] is null && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var options = builder.Configuration.GetSection(MemoryOptions.SectionName).Get<MemoryOptions>() ?? new MemoryOptions();
        options.PostgresConnectionString ??= builder.Configuration.GetConnectionString("Postgres");
        if (builder.Configuration["data"] is { } data)
        {
            options.DataFolder = data;
        }

        var ai = AiConfiguration.Load(builder.Configuration);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(ai);
        builder.Services.AddBriefingStorage(options);
        builder.Services.AddSingleton(sp => BriefingAnswering.OpenAsync(
            sp.GetRequiredService<MemoryOptions>(), ai, AppContext.BaseDirectory, sp.GetRequiredService<ILoggerFactory>(),
            storage: sp.GetRequiredService<StorageBackend>()).GetAwaiter().GetResult());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<BriefingAnswering>().Memory);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<BriefingAnswering>().Answerer);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<BriefingAnswering>().Conversations);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<BriefingAnswering>().Briefings);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = BotJson.Options.DefaultIgnoreCondition;
            json.SerializerOptions.Encoder = BotJson.Options.Encoder;
        });
        builder.Services.AddOperations(builder.Configuration);
        configureServices?.Invoke(builder.Services);
        var botOptions = builder.Services.AddBotChannel(builder.Configuration);
        var directLineOptions = builder.Services.AddDirectLine(builder.Configuration);
        builder.Services.AddBackgroundJobs(builder.Configuration);
        var apiOptions = builder.Services.AddStaffApi(builder.Configuration);

        var app = builder.Build();
        var memory = app.Services.GetRequiredService<BriefingMemory>();
        var answerer = app.Services.GetRequiredService<IQuestionAnswerer>();
        var conversations = app.Services.GetRequiredService<ConversationService>();
        app.Logger.LogInformation("Memory at {Path}; {Mode} answers", options.StorePath, answerer.Mode);
        if (app.Configuration.GetValue(SampleBriefings.SettingName, true))
        {
            SampleBriefings.LoadIfEmptyAsync(memory, Console.Out, CancellationToken.None).GetAwaiter().GetResult();
        }

        app.UseKnownProxies();
        app.UseCorrelationIds();
        app.UseServerErrors();
        app.MapHealthEndpoints();
        app.MapBotChannel(botOptions);
        app.MapDirectLine(directLineOptions);
        app.MapStaffApi(apiOptions);
        app.MapBriefingsApi(apiOptions);
        return app;
    }
}
