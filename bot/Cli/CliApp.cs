using System.CommandLine;
using BriefingBot.Memory.Generation;
using BriefingBot.Memory.Ingestion.Extraction;
using BriefingBot.Memory.Storage;
using Microsoft.Extensions.Configuration;

namespace BriefingBot.Bot.Cli;

/// <summary>The command-line verbs of the bot executable. <c>serve</c> (or no verb) starts the server instead.</summary>
internal static class CliApp
{
    private static readonly string[] Verbs = CliCommands.Build((_, _, _) => Task.FromResult(0)).Subcommands.Select(c => c.Name).ToArray();

    public const string Usage = """
        BriefingBot — answers questions from briefing articles, citing each passage.

        Usage: dotnet run --project bot -- <verb> [options]
          serve                               start the bot server (the default with no verb)
          ingest <files or folders…>          add documents (.txt .md .html .pdf .docx); --id, --title, --source, --date, --tag k=v
          ingest --jsonl FILE                 one document per line: id/_id, title, text, tags, source, date
          ask "<question>"                    answer from the memory with citations; --questions FILE for many;
                                              --conversation ID to ask within a conversation (follow-ups understood)
          chat                                a conversation in the terminal, one question a line (typed or piped);
                                              --conversation ID (default terminal); /reset, /history, /exit
          search "<query>"                    ranked passages; --queries FILE, --top K, --per-document, --mode
          list                                documents in the memory; --tag k=v
          delete <id…>                        remove documents completely
          reembed                             re-embed every document with the configured Memory:EmbeddingModel
          teams-package --out FILE.zip        the Teams app package for Bot:MicrosoftAppId; --website URL (https), --bot-id
          brief --doc ID… | --topic "<text>"  a cited briefing: key points, who said what, entities, timeline;
                                              Markdown by default, or --json, --md, --docx FILE, --card (Adaptive Card)
          api-key <name>                      a new API key for the HTTP API with its hash and the Api:Keys entry;
                                              --tag k=v to scope it, --read-only
        Every verb takes --data <folder> (where the memory lives) and --json; <verb> --help lists its options.
        """;

    public static bool IsVerb(string name) => Verbs.Contains(name, StringComparer.Ordinal) || name is "help" or "--help" or "-h";

    /// <summary>
    /// True when the first argument looks like a verb (not an option such as <c>--urls</c> or a setting such as
    /// <c>Key=value</c>) but names none, so the executable reports it instead of starting the server.
    /// </summary>
    public static bool IsUnknownVerb(string name) =>
        name != "serve" && !IsVerb(name) && !name.StartsWith('-') && !name.Contains('=', StringComparison.Ordinal);

    /// <summary>Says that <paramref name="name"/> is no verb, suggesting the nearest one, and returns the exit code 2.</summary>
    public static async Task<int> ReportUnknownVerbAsync(string name, TextWriter errors)
    {
        var nearest = Verbs.Append("serve").Append("help")
            .Select(verb => (verb, distance: EditDistance(name.ToLowerInvariant(), verb)))
            .OrderBy(v => v.distance).First();
        var hint = nearest.distance <= Math.Max(1, nearest.verb.Length / 3) ? $" Did you mean '{nearest.verb}'?" : "";
        await errors.WriteLineAsync($"error: '{name}' is not a verb.{hint}\n\n{Usage}");
        return 2;
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    row[j] = Math.Min(row[j], diagonal);
                }

                diagonal = above;
            }
        }

        return row[b.Length];
    }

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (args[0] is "help" or "--help" or "-h")
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        var root = CliCommands.Build((result, verb, ct) => verb(new CliContext(new CliArguments(result), configuration, output, errors), ct));
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            await errors.WriteLineAsync($"error: {string.Join(" ", parsed.Errors.Select(e => e.Message).Distinct())}\n\n{Usage}");
            return 2;
        }

        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration { Output = output, Error = errors, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null },
                cancellationToken);
        }
        catch (CliException e)
        {
            await errors.WriteLineAsync($"error: {e.Message}\n\n{Usage}");
            return 2;
        }
        catch (Exception e) when (e is MemoryStoreException or ExtractionException or ArgumentException or IOException or UnauthorizedAccessException or AiConfigurationException)
        {
            await errors.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await errors.WriteLineAsync("cancelled");
            return 130;
        }
    }
}
