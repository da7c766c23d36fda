using System.Text.Json;
using BriefingBot.Bot.Contracts;
using BriefingBot.Memory;
using BriefingBot.Memory.Generation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Bot.Cli;

/// <summary>What every verb shares: its arguments, the configuration, the output streams and the memory.</summary>
internal sealed class CliContext(CliArguments arguments, IConfiguration configuration, TextWriter output, TextWriter errors)
{
    public CliArguments Arguments { get; } = arguments;

    public IConfiguration Configuration { get; } = configuration;

    public TextWriter Output { get; } = output;

    public TextWriter Errors { get; } = errors;

    public bool Json => Arguments.Has("json");

    public MemoryOptions MemoryOptions()
    {
        var options = Configuration.GetSection(Memory.MemoryOptions.SectionName).Get<MemoryOptions>() ?? new MemoryOptions();
        options.PostgresConnectionString ??= Configuration.GetConnectionString("Postgres");
        if (Arguments.Get("data") is { } data)
        {
            options.DataFolder = data;
        }

        return options;
    }

    /// <summary>Where <c>chat</c> reads its lines: standard input unless a test gives another reader.</summary>
    public TextReader Input { get; init; } = Console.In;

    /// <summary>The <c>AI</c> settings, checked (throws <see cref="AiConfigurationException"/> naming the setting).</summary>
    public AiOptions AiOptions() => AiConfiguration.Load(Configuration);

    public Task<BriefingMemory> OpenMemoryAsync(CancellationToken cancellationToken) => OpenMemoryAsync(MemoryOptions(), cancellationToken);

    /// <summary>
    /// Opens the memory with the configured embedder (the provider's when <c>AI:EmbeddingModel</c> is set); verbs that
    /// read it (ask, search) first load the samples into an empty memory.
    /// </summary>
    public async Task<BriefingMemory> OpenMemoryAsync(MemoryOptions options, CancellationToken cancellationToken, bool loadSamples = false)
    {
        var memory = await BriefingAnswering.OpenMemoryAsync(options, AiOptions(), AppContext.BaseDirectory, Loggers(), cancellationToken);
        if (loadSamples && Configuration.GetValue(SampleBriefings.SettingName, true))
        {
            await SampleBriefings.LoadIfEmptyAsync(memory, Errors, cancellationToken);
        }

        return memory;
    }

    /// <summary>The memory with its answering (generative when a provider is configured, else extractive), samples loaded into an empty memory.</summary>
    public async Task<BriefingAnswering> OpenAnsweringAsync(CancellationToken cancellationToken)
    {
        var answering = await BriefingAnswering.OpenAsync(MemoryOptions(), AiOptions(), AppContext.BaseDirectory, Loggers(), cancellationToken);
        if (Configuration.GetValue(SampleBriefings.SettingName, true))
        {
            await SampleBriefings.LoadIfEmptyAsync(answering.Memory, Errors, cancellationToken);
        }

        return answering;
    }

    /// <summary>Warnings (a fallback to extractive answers, a retry) go to standard error.</summary>
    private ILoggerFactory Loggers() => new ErrorsLoggerFactory(Errors);

    /// <summary>Writes one object as a single line of JSON.</summary>
    public void WriteJson<T>(T value) => Output.WriteLine(JsonSerializer.Serialize(value, BotJson.Options));
}
