using BriefingBot.Bot.Channel;
using BriefingBot.Bot.Contracts;
using BriefingBot.Bot.DirectLine;
using BriefingBot.Bot.Jobs;
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
        builder.Services.AddSingleton(sp => BriefingAnswering.OpenAsync(
            sp.GetRequiredService<MemoryOptions>(), ai, AppContext.BaseDirectory, sp.GetRequiredService<ILoggerFactory>()).GetAwaiter().GetResult());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<BriefingAnswering>().Memory);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<BriefingAnswering>().Answerer);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<BriefingAnswering>().Conversations);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.DefaultIgnoreCondition = BotJson.Options.DefaultIgnoreCondition;
            json.SerializerOptions.Encoder = BotJson.Options.Encoder;
        });
        configureServices?.Invoke(builder.Services);
        var botOptions = builder.Services.AddBotChannel(builder.Configuration);
        var directLineOptions = builder.Services.AddDirectLine(builder.Configuration);
        builder.Services.AddBackgroundJobs(builder.Configuration);

        var app = builder.Build();
        var memory = app.Services.GetRequiredService<BriefingMemory>();
        var answerer = app.Services.GetRequiredService<IQuestionAnswerer>();
        var conversations = app.Services.GetRequiredService<ConversationService>();
        app.Logger.LogInformation("Memory at {Path}; {Mode} answers", options.StorePath, answerer.Mode);
        if (app.Configuration.GetValue(SampleBriefings.SettingName, true))
        {
            SampleBriefings.LoadIfEmptyAsync(memory, Console.Out, CancellationToken.None).GetAwaiter().GetResult();
        }

        app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
        app.MapBotChannel(botOptions);
        app.MapDirectLine(directLineOptions);
        app.MapPost("/api/ask", async (AskBody body, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.Question))
            {
                return Results.Problem("The field 'question' is required.", statusCode: 400);
            }

            if (body.ConversationId is null)
            {
                return Results.Ok(AnswerResponse.From(await answerer.AskAsync(body.Question, body.Filter(), ct)));
            }

            try
            {
                return Results.Ok(AnswerResponse.From(await conversations.AskAsync(body.ConversationId, body.Question, body.Filter(), ct)));
            }
            catch (ArgumentException e)
            {
                return Results.Problem(e.Message, statusCode: 400);
            }
        });
        app.MapDelete("/api/conversations/{id}", async (string id, CancellationToken ct) =>
        {
            try
            {
                return Results.Ok(new { conversationId = id, forgottenTurns = await conversations.ResetAsync(id, ct) });
            }
            catch (ArgumentException e)
            {
                return Results.Problem(e.Message, statusCode: 400);
            }
        });
        app.MapPost("/api/search", async (SearchBody body, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body.Query)
                ? Results.Problem("The field 'query' is required.", statusCode: 400)
                : Results.Ok(SearchResponse.From(await memory.SearchAsync(
                    new SearchRequest { Query = body.Query, Limit = Math.Clamp(body.Top ?? 10, 1, 100), Filter = body.Filter() }, ct))));
        return app;
    }

    internal sealed record AskBody(string? Question, Dictionary<string, List<string>>? Tags, string? ConversationId = null)
    {
        public MemoryFilter Filter() => new() { Tags = (Tags ?? []).ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value) };
    }

    internal sealed record SearchBody(string? Query, int? Top, Dictionary<string, List<string>>? Tags)
    {
        public MemoryFilter Filter() => new() { Tags = (Tags ?? []).ToDictionary(t => t.Key, t => (IReadOnlyList<string>)t.Value) };
    }
}
