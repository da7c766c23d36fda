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

    public TextWriter Output { get; } = output;

    public TextWriter Errors { get; } = errors;

    public bool Json => Arguments.Has("json");

    public MemoryOptions MemoryOptions()
    {
        var options = configuration.GetSection(Memory.MemoryOptions.SectionName).Get<MemoryOptions>() ?? new MemoryOptions();
        if (Arguments.Get("data") is { } data)
        {
            options.DataFolder = data;
        }

        return options;
    }

    /// <summary>Where <c>chat</c> reads its lines: standard input unless a test gives another reader.</summary>
    public TextReader Input { get; init; } = Console.In;

    /// <summary>The <c>AI</c> settings, checked (throws <see cref="AiConfigurationException"/> naming the setting).</summary>
    public AiOptions AiOptions() => AiConfiguration.Load(configuration);

    /// <summary>The memory with the configured embedder (the provider's when <c>AI:EmbeddingModel</c> is set).</summary>
    public Task<BriefingMemory> OpenMemoryAsync(CancellationToken cancellationToken) =>
        BriefingAnswering.OpenMemoryAsync(MemoryOptions(), AiOptions(), AppContext.BaseDirectory, Loggers(), cancellationToken);

    /// <summary>The memory with its answering: generative when a provider is configured, else extractive.</summary>
    public Task<BriefingAnswering> OpenAnsweringAsync(CancellationToken cancellationToken) =>
        BriefingAnswering.OpenAsync(MemoryOptions(), AiOptions(), AppContext.BaseDirectory, Loggers(), cancellationToken);

    /// <summary>Warnings (a fallback to extractive answers, a retry) go to standard error.</summary>
    private ILoggerFactory Loggers() => new ErrorsLoggerFactory(Errors);

    /// <summary>Writes one object as a single line of JSON.</summary>
    public void WriteJson<T>(T value) => Output.WriteLine(JsonSerializer.Serialize(value, BotJson.Options));
}
