using System.CommandLine;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// A verb's arguments as System.CommandLine parsed them (<see cref="CliCommands"/> declares each verb's options, so an
/// unknown option never reaches a verb): the positionals, options by their name without dashes, and switches.
/// </summary>
internal sealed class CliArguments(ParseResult result)
{
    public string Verb { get; } = result.CommandResult.Command.Name;

    public IReadOnlyList<string> Positionals { get; } =
        result.CommandResult.Command.Arguments.OfType<Argument<string[]>>().SelectMany(a => result.GetValue(a) ?? []).ToList();

    /// <summary>Whether the option or switch was given.</summary>
    public bool Has(string name) => Option(name) switch
    {
        Option<bool> flag => result.GetValue(flag),
        { } option => result.GetResult(option) is { Implicit: false },
        null => false,
    };

    /// <summary>The option's value (the last one when it was given several times), or null.</summary>
    public string? Get(string name) => GetAll(name) is { Count: > 0 } values ? values[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => Option(name) switch
    {
        Option<string[]> many => result.GetValue(many) ?? [],
        Option<string> one => result.GetValue(one) is { } value ? [value] : [],
        _ => [],
    };

    public int GetInt(string name, int fallback)
    {
        var value = Get(name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, out var number) && number > 0
            ? number
            : throw new CliException($"--{name} takes a positive whole number (got '{value}').");
    }

    private Option? Option(string name) => result.CommandResult.Command.Options.Concat(result.RootCommandResult.Command.Options)
        .FirstOrDefault(o => o.Name == "--" + name);
}
