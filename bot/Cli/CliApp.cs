using BriefingBot.Memory.Generation;
using BriefingBot.Memory.Ingestion.Extraction;
using BriefingBot.Memory.Storage;
using Microsoft.Extensions.Configuration;

namespace BriefingBot.Bot.Cli;

/// <summary>The command-line verbs of the bot executable. <c>serve</c> (or no verb) starts the server instead.</summary>
internal static class CliApp
{
    private static readonly Dictionary<string, Func<CliContext, CancellationToken, Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["ingest"] = IngestVerb.RunAsync,
        ["ask"] = QueryVerbs.AskAsync,
        ["chat"] = ChatVerb.RunAsync,
        ["search"] = QueryVerbs.SearchAsync,
        ["list"] = DocumentVerbs.ListAsync,
        ["delete"] = DocumentVerbs.DeleteAsync,
        ["reembed"] = ReembedVerb.RunAsync,
        ["teams-package"] = TeamsPackageVerb.RunAsync,
        ["brief"] = BriefVerb.RunAsync,
    };

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
        Every verb takes --data <folder> (where the memory lives) and --json.
        """;

    public static bool IsVerb(string name) => Verbs.ContainsKey(name) || name is "help" or "--help" or "-h";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (args[0] is "help" or "--help" or "-h")
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        try
        {
            var arguments = CliArguments.Parse(args);
            return await Verbs[arguments.Verb](new CliContext(arguments, configuration, output, errors), cancellationToken);
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
