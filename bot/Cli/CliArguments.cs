namespace BriefingBot.Bot.Cli;

/// <summary>
/// A verb's arguments: positionals, <c>--name value</c> options (repeatable), and <c>--flag</c> switches.
/// Flags are declared so that "--json file.txt" is a switch followed by a positional.
/// </summary>
internal sealed class CliArguments
{
    private static readonly HashSet<string> Flags = ["json", "per-document", "help", "force", "md", "card", "read-only"];

    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private CliArguments(string verb) => Verb = verb;

    public string Verb { get; }

    public List<string> Positionals { get; } = [];

    public static CliArguments Parse(string[] args)
    {
        var parsed = new CliArguments(args.Length > 0 ? args[0] : "serve");
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                parsed.Positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (!Flags.Contains(name))
            {
                if (i + 1 >= args.Length)
                {
                    throw new CliException($"--{name} needs a value.");
                }

                value = args[++i];
            }

            if (!parsed._options.TryGetValue(name, out var values))
            {
                parsed._options[name] = values = [];
            }

            values.Add(value ?? "true");
        }

        return parsed;
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out var values) ? values : [];

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

    /// <summary>Fails on options the verb does not know, naming them.</summary>
    public void Allow(params string[] names)
    {
        var unknown = _options.Keys.Where(k => !names.Contains(k) && k is not ("data" or "json")).ToList();
        if (unknown.Count > 0)
        {
            throw new CliException($"'{Verb}' does not take {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
