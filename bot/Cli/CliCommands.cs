using System.CommandLine;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// The verbs and their options, declared for System.CommandLine: it parses them, writes each verb's help
/// (<c>ask --help</c>) and refuses options a verb does not take. Every verb takes <c>--data</c> and <c>--json</c>.
/// </summary>
internal static class CliCommands
{
    public static RootCommand Build(Func<ParseResult, Func<CliContext, CancellationToken, Task<int>>, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand("BriefingBot — answers questions from briefing articles, citing each passage.")
        {
            new Option<string>("--data") { Description = "The folder where the memory lives.", Recursive = true, HelpName = "folder" },
            new Option<bool>("--json") { Description = "Write JSON (one object a line) instead of text.", Recursive = true },
        };

        Command Verb(string name, string description, Func<CliContext, CancellationToken, Task<int>> verb, params Symbol[] symbols)
        {
            var command = new Command(name, description);
            foreach (var symbol in symbols)
            {
                switch (symbol)
                {
                    case Option option:
                        command.Options.Add(option);
                        break;
                    case Argument argument:
                        command.Arguments.Add(argument);
                        break;
                }
            }

            command.SetAction((result, cancellationToken) => run(result, verb, cancellationToken));
            root.Subcommands.Add(command);
            return command;
        }

        Verb("ingest", "Adds documents (.txt .md .html .pdf .docx); folders are read recursively.", IngestVerb.RunAsync,
            Words("paths", "Files or folders."),
            Value("--id", "The document's id (one file only)."), Value("--title", "The document's title (one file only)."),
            Value("--source", "Where the documents come from (a URL or a name)."), Value("--date", "The publication date (ISO 8601)."),
            Tags(), Value("--jsonl", "A file of one JSON document a line: id/_id, title, text, tags, source, date.", "file"));
        Verb("ask", "Answers a question from the memory with citations.", QueryVerbs.AskAsync,
            Words("question", "The question."),
            Value("--questions", "A file of one JSON object a line (question or text, id/_id); one answer a line.", "file"),
            Tags(), Docs(), Value("--conversation", "Ask within this conversation (follow-ups understood).", "id"));
        Verb("chat", "A conversation in the terminal: type the questions once it starts, or pipe them in, one a line; /reset, /history, /exit.", ChatVerb.RunAsync,
            Value("--conversation", "The conversation to continue (default terminal).", "id"), Tags(), Docs());
        Verb("search", "Ranked passages.", QueryVerbs.SearchAsync,
            Words("query", "The query."),
            Value("--queries", "A file of one JSON object a line (query or text, id/_id); one result a line.", "file"),
            Value("--top", "How many passages (default 10).", "k"), Tags(), Docs(),
            Switch("--per-document", "At most one passage per document."), Value("--mode", "hybrid, vector or keyword."));
        Verb("list", "Lists the documents in the memory.", DocumentVerbs.ListAsync,
            Tags(), Docs(), Value("--skip", "Documents to skip.", "n"), Value("--take", "Documents to list (default 1000).", "n"));
        Verb("delete", "Removes documents completely.", DocumentVerbs.DeleteAsync, Words("ids", "Document ids."));
        Verb("reembed", "Re-embeds every document with the configured Memory:EmbeddingModel.", ReembedVerb.RunAsync);
        Verb("teams-package", "The Teams app package for Bot:MicrosoftAppId.", TeamsPackageVerb.RunAsync,
            Value("--out", "The package to write (FILE.zip).", "file"), Value("--bot-id", "The bot's app id (default Bot:MicrosoftAppId)."),
            Value("--website", "The website URL (https)."), Value("--privacy", "The privacy statement URL."),
            Value("--terms", "The terms of use URL."), Value("--version", "The package version."), Value("--app-id", "The Teams app id."));
        Verb("brief", "A cited briefing: key points, who said what, entities, timeline (Markdown by default).", BriefVerb.RunAsync,
            Words("topic", "The topic (or --topic)."),
            Docs(), Value("--topic", "The briefing's topic."), Switch("--md", "Markdown."), Value("--docx", "Write a Word file.", "file"),
            Switch("--card", "An Adaptive Card."), Tags());
        Verb("api-key", "A new API key for the HTTP API with its hash and the Api:Keys entry.", ApiKeyVerb.RunAsync,
            Words("name", "The key's name."), Tags("Scope the key to documents with this tag (key=value, repeatable)."),
            Switch("--read-only", "The key may read but not write."));
        return root;
    }

    /// <summary>Positionals; a word starting with <c>--</c> is an option the verb does not take, never part of a question.</summary>
    private static Argument<string[]> Words(string name, string description)
    {
        var words = new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.ZeroOrMore };
        words.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2))
            {
                result.AddError($"'{(result.Parent as System.CommandLine.Parsing.CommandResult)?.Command.Name}' does not take {token.Value}.");
            }
        });
        return words;
    }

    private static Option<string> Value(string name, string description, string? helpName = null) => new(name) { Description = description, HelpName = helpName ?? "value" };

    private static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    private static Option<string[]> Tags(string description = "Only documents with this tag (key=value, repeatable).") =>
        new("--tag") { Description = description, HelpName = "key=value" };

    private static Option<string[]> Docs() => new("--doc") { Description = "Only this document (repeatable).", HelpName = "id" };
}
