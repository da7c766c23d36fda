using System.Text.Json;
using BriefingBot.Bot.Contracts;
using BriefingBot.Memory;
using Microsoft.Extensions.Configuration;

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

    public Task<BriefingMemory> OpenMemoryAsync(CancellationToken cancellationToken) => OpenMemoryAsync(MemoryOptions(), cancellationToken);

    /// <summary>Opens the memory; verbs that read it (ask, search) first load the samples into an empty memory.</summary>
    public async Task<BriefingMemory> OpenMemoryAsync(MemoryOptions options, CancellationToken cancellationToken, bool loadSamples = false)
    {
        var memory = await BriefingMemory.OpenAsync(options, cancellationToken);
        if (loadSamples && Configuration.GetValue(SampleBriefings.SettingName, true))
        {
            await SampleBriefings.LoadIfEmptyAsync(memory, Errors, cancellationToken);
        }

        return memory;
    }

    /// <summary>Writes one object as a single line of JSON.</summary>
    public void WriteJson<T>(T value) => Output.WriteLine(JsonSerializer.Serialize(value, BotJson.Options));
}
