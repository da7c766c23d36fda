using System.Text.Json;
using BriefingBot.Bot.Contracts;
using BriefingBot.Memory;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// <c>ask "question"</c> / <c>ask --questions FILE</c> and <c>search "query"</c> / <c>search --queries FILE [--top K]</c>.
/// A file holds one JSON object per line (<c>question</c>, or <c>text</c> with <c>_id</c>/<c>id</c>); the results come
/// out one per line in the same order, carrying the input's id.
/// </summary>
internal static class QueryVerbs
{
    public static async Task<int> AskAsync(CliContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var filter = Filter(args);
        var conversation = args.Get("conversation");
        var limits = context.MemoryOptions().Search;
        using var answering = await context.OpenAnsweringAsync(cancellationToken);
        async Task<AnswerResponse> AnswerAsync(string question) => conversation is null
            ? AnswerResponse.From(await answering.Answerer.AskAsync(Bounded(limits, question), filter, cancellationToken))
            : AnswerResponse.From(await answering.Conversations.AskAsync(conversation, Bounded(limits, question), filter, cancellationToken));

        if (args.Get("questions") is { } file)
        {
            return await ForEachLineAsync(context, file, "question", async (id, text) => WithId(id, await AnswerAsync(text)), cancellationToken);
        }

        var question = string.Join(' ', args.Positionals);
        if (question.Length == 0)
        {
            throw new CliException("ask needs a question, e.g. ask \"What did Russia demand?\", or --questions FILE.");
        }

        var result = await AnswerAsync(question);
        if (context.Json)
        {
            context.WriteJson(result);
        }
        else
        {
            WriteAnswer(context.Output, result);
        }

        return 0;
    }

    /// <summary>The question, or a usage error that says the limit when it is too long (<c>Memory:Search:MaxQuestionCharacters</c>).</summary>
    private static string Bounded(SearchOptions limits, string question) =>
        limits.QuestionProblem(question) is { } problem ? throw new CliException(problem + " (Memory:Search:MaxQuestionCharacters)") : question;

    public static async Task<int> SearchAsync(CliContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var top = args.GetInt("top", 10);
        var filter = Filter(args);
        var options = context.MemoryOptions();
        if (args.Get("mode") is { } mode)
        {
            options.Search.Mode = Enum.TryParse<RetrievalMode>(mode, ignoreCase: true, out var parsed)
                ? parsed
                : throw new CliException($"--mode takes hybrid, vector or keyword (got '{mode}').");
        }

        using var memory = await context.OpenMemoryAsync(options, cancellationToken, loadSamples: true);
        SearchRequest Request(string query) => new() { Query = Bounded(options.Search, query), Filter = filter, Limit = top, OnePerDocument = args.Has("per-document") };
        if (args.Get("queries") is { } file)
        {
            return await ForEachLineAsync(context, file, "query", async (id, text) =>
                WithId(id, SearchResponse.From(await memory.SearchAsync(Request(text), cancellationToken))), cancellationToken);
        }

        var query = string.Join(' ', args.Positionals);
        if (query.Length == 0)
        {
            throw new CliException("search needs a query, or --queries FILE.");
        }

        var result = SearchResponse.From(await memory.SearchAsync(Request(query), cancellationToken));
        if (context.Json)
        {
            context.WriteJson(result);
        }
        else
        {
            foreach (var (hit, i) in result.Hits.Select((h, i) => (h, i)))
            {
                context.Output.WriteLine($"{i + 1}. {hit.Title} [{hit.DocumentId}#{hit.Chunk}] score {hit.Score:F4}, relevance {hit.Relevance:F3}");
                context.Output.WriteLine("   " + Shorten(hit.Text, 240));
            }
        }

        return 0;
    }

    internal static MemoryFilter Filter(CliArguments args)
    {
        var tags = args.GetAll("tag")
            .Select(t => t.Split('=', 2))
            .Select(p => p.Length == 2 ? (Key: p[0].Trim().ToLowerInvariant(), Value: p[1].Trim()) : throw new CliException($"--tag '{string.Join('=', p)}' is not key=value."))
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Value).ToList());
        return new MemoryFilter { Tags = tags, DocumentIds = args.GetAll("doc").ToList() };
    }

    internal static void WriteAnswer(TextWriter output, AnswerResponse answer)
    {
        if (answer.StandaloneQuestion is { } standalone && standalone != answer.Question)
        {
            output.WriteLine($"(taken as: {standalone})");
        }

        output.WriteLine(answer.Answer);
        if (answer.Citations.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Sources:");
            foreach (var c in answer.Citations)
            {
                output.WriteLine($"[{c.N}] {c.Title} ({c.DocumentId}, passage {c.Chunk}, characters {c.Start}-{c.End})");
            }
        }

        if (answer.Suggestions is { Count: > 0 } suggestions)
        {
            output.WriteLine();
            output.WriteLine("You could ask:");
            foreach (var suggestion in suggestions)
            {
                output.WriteLine("  " + suggestion);
            }
        }
    }

    private static async Task<int> ForEachLineAsync(
        CliContext context, string file, string field, Func<string?, string, Task<JsonElement>> run, CancellationToken cancellationToken)
    {
        var failures = 0;
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string? id;
            string? text;
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                id = Field(root, "id") ?? Field(root, "_id");
                text = Field(root, field) ?? Field(root, "question") ?? Field(root, "text");
            }
            catch (JsonException e)
            {
                await context.Errors.WriteLineAsync($"error: {file}:{lineNumber}: {e.Message}");
                failures++;
                continue;
            }

            if (text is null)
            {
                await context.Errors.WriteLineAsync($"error: {file}:{lineNumber}: no \"{field}\" or \"text\".");
                failures++;
                continue;
            }

            context.Output.WriteLine(JsonSerializer.Serialize(await run(id, text), BotJson.Options));
        }

        return failures > 0 ? 1 : 0;
    }

    private static JsonElement WithId<T>(string? id, T response)
    {
        var element = JsonSerializer.SerializeToElement(response, BotJson.Options);
        if (id is null)
        {
            return element;
        }

        var withId = new Dictionary<string, JsonElement> { ["id"] = JsonSerializer.SerializeToElement(id) };
        foreach (var property in element.EnumerateObject())
        {
            withId[property.Name] = property.Value;
        }

        return JsonSerializer.SerializeToElement(withId, BotJson.Options);
    }

    private static string? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;

    private static string Shorten(string text, int length) =>
        text.Length <= length ? text.ReplaceLineEndings(" ") : text[..length].ReplaceLineEndings(" ") + "…";
}
