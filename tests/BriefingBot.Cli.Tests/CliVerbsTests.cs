using System.Text.Json;

namespace BriefingBot.Cli.Tests;

/// <summary>The CLI verbs as a user runs them: the real executable, a real data folder, the real model.</summary>
public sealed class CliVerbsTests
{
    private const string Harbour =
        "Harbour strike ends\n\nDock workers in Rotterdam ended a nine-day strike on Friday after the port authority agreed to a 6 percent pay rise. " +
        "Union leader Marta Vos said the deal protected jobs.";

    private const string FrostPage = """
        <html><head><title>Frost hits vineyards | Wine News</title><meta property="article:published_time" content="2024-04-09T06:00:00Z"></head>
        <body><nav><a href="/">Home</a> <a href="/wine">Wine</a></nav>
        <div class="cookie-banner">We use cookies to improve your experience. Accept all</div>
        <article><h1>Frost hits vineyards</h1>
        <p>A late frost damaged vines across Burgundy, where growers lit candles between the rows overnight.</p>
        <p>The regional wine board estimated that a third of the harvest could be lost.</p></article>
        <div id="respond" class="comment-respond"><h3>Leave a Reply</h3><p>Your email address will not be published.</p><form><textarea></textarea></form></div>
        <footer>© Wine News</footer></body></html>
        """;

    [Fact]
    public async Task Ingest_FolderWithMixedFiles_StoresReadableOnesAndReportsTheRest()
    {
        using var folder = new TempFolder();
        folder.File("news/harbour.txt", Harbour);
        folder.File("news/wine/frost.html", FrostPage);
        folder.File("news/notes.md", "# Port notes\n\nContainer *backlog* should clear in [two weeks](https://example.org).");
        folder.File("news/broken.pdf", "%PDF-1.7 truncated");
        folder.File("news/image.bmp", "BM....");
        var data = Path.Combine(folder.Path, "data");

        var ingest = await BotProcess.RunAsync("ingest", Path.Combine(folder.Path, "news"), "--data", data);
        var list = await BotProcess.RunAsync("list", "--data", data, "--json");

        Assert.Equal(1, ingest.ExitCode);
        Assert.Contains("broken", ingest.Errors);
        Assert.Contains("skipped: image.bmp", ingest.Errors);
        var ids = JsonDocument.Parse(list.Output).RootElement.GetProperty("documents").EnumerateArray()
            .Select(d => d.GetProperty("id").GetString()).Order().ToList();
        Assert.Equal(["harbour", "notes", "wine-frost"], ids);
    }

    [Theory]
    [InlineData("aks", "Did you mean 'ask'?")]
    [InlineData("injest", "Did you mean 'ingest'?")]
    [InlineData("feeds", "")]
    public async Task UnknownVerb_SaysSoAndExits2_InsteadOfStartingTheServer(string verb, string hint)
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");

        var run = await BotProcess.RunAsync(verb, "What did Russia demand?", "--data", data);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"'{verb}' is not a verb.", run.Errors);
        Assert.Contains(hint, run.Errors);
        Assert.Contains("ingest", run.Errors);
        Assert.False(Directory.Exists(data), "An unknown verb must not open or create the memory.");
    }

    [Theory]
    [InlineData("Api__Keys__0", "some-secret", "Api:Keys:0 is a bare value")]
    [InlineData("DirectLine__TokenLifetime", "30 minutes", "DirectLine:TokenLifetime")]
    public async Task Serve_WithASettingItCannotUse_StopsAndNamesIt(string name, string value, string message)
    {
        using var folder = new TempFolder();

        var run = await BotProcess.RunAsync(
            new Dictionary<string, string> { [name] = value },
            "serve", "--urls", "http://127.0.0.1:0", "--data", Path.Combine(folder.Path, "data"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Errors);
    }

    [Fact]
    public async Task Brief_BriefingSettings_AreReadFromTheConfigurationAndChecked()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        await BotProcess.RunAsync("ingest", folder.File("frost.html", FrostPage), "--data", data);
        var one = new Dictionary<string, string> { ["Memory__Briefing__MinKeyPoints"] = "1", ["Memory__Briefing__MaxKeyPoints"] = "1" };

        var brief = await BotProcess.RunAsync(one, "brief", "--doc", "frost", "--data", data, "--json");
        var wrong = await BotProcess.RunAsync(new Dictionary<string, string> { ["Memory__Briefing__Diversity"] = "1.5" }, "brief", "--doc", "frost", "--data", data);

        Assert.Equal(0, brief.ExitCode);
        var briefing = JsonDocument.Parse(brief.Output).RootElement;
        Assert.Equal(1, briefing.GetProperty("keyPoints").GetArrayLength());
        Assert.Equal("extractive", briefing.GetProperty("mode").GetString());
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("Memory:Briefing:Diversity", wrong.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Brief_WithAModel_WritesTheKeyPointsAndChecksThem()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        await BotProcess.RunAsync("ingest", folder.File("frost.html", FrostPage), "--data", data);
        await using var model = new BriefingBot.Memory.Tests.Support.ScriptedModelServer();
        model.Fallback = request =>
        {
            var system = request.Messages[0].Content;
            var n = System.Text.RegularExpressions.Regex.Match(system, @"\[(\d+)\] Title:[^\n]*\n[^\n]*third of the harvest").Groups[1].Value;
            var point = System.Text.RegularExpressions.Regex.Match(request.Messages[^1].Content, @"(?m)^(\d+)\. [^\n]*third of the harvest").Groups[1].Value;
            return BriefingBot.Memory.Tests.Support.ScriptedResponse.Chat(
                $"Key points:\n{point}. The regional wine board thinks the frost could cost a third of the harvest [{n}]. Prices will double by autumn [{n}].\n\nWhat to watch:\n- How much of the harvest the frost destroys, after the wine board's estimate of a third [{n}].");
        };
        var ai = new Dictionary<string, string>
        {
            ["AI__Provider"] = "OpenAI",
            ["AI__Endpoint"] = model.OpenAIEndpoint,
            ["AI__ChatModel"] = "briefing-chat",
        };

        var brief = await BotProcess.RunAsync(ai, "brief", "--doc", "frost", "--data", data, "--json");

        Assert.Equal(0, brief.ExitCode);
        var briefing = JsonDocument.Parse(brief.Output).RootElement;
        Assert.Equal("generative", briefing.GetProperty("mode").GetString());
        var points = briefing.GetProperty("keyPoints").EnumerateArray().Select(p => p.GetProperty("text").GetString()).ToList();
        Assert.Contains("The regional wine board thinks the frost could cost a third of the harvest.", points);
        Assert.DoesNotContain(points, p => p!.Contains("double", StringComparison.Ordinal));
        Assert.StartsWith("How much of the harvest the frost destroys", briefing.GetProperty("openQuestions")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Json_PrintsTheAnswerWithCitationsPointingIntoTheDocument()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        await BotProcess.RunAsync("ingest", folder.File("frost.html", FrostPage), "--data", data, "--tag", "desk=europe");

        var ask = await BotProcess.RunAsync("ask", "How much of the harvest could be lost?", "--data", data, "--json");

        Assert.Equal(0, ask.ExitCode);
        var answer = JsonDocument.Parse(ask.Output).RootElement;
        Assert.Equal("How much of the harvest could be lost?", answer.GetProperty("question").GetString());
        Assert.False(answer.GetProperty("noResult").GetBoolean());
        Assert.Contains("a third of the harvest", answer.GetProperty("answer").GetString());
        var citation = answer.GetProperty("citations")[0];
        foreach (var field in new[] { "n", "documentId", "title", "source", "chunk", "text", "quote", "start", "end", "relevance" })
        {
            Assert.True(citation.TryGetProperty(field, out _), $"citation lacks '{field}'");
        }

        Assert.Equal("Frost hits vineyards", citation.GetProperty("title").GetString());
        Assert.DoesNotContain("Leave a Reply", citation.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Ask_Json_PartlyAnswerable_AnswersTheCoveredPartListsTheRestAndStatesConfidence()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        await BotProcess.RunAsync("ingest", folder.File("harbour.txt", Harbour), "--data", data);

        var ask = await BotProcess.RunAsync("ask", "What did Marta Vos and Belgium say about the deal?", "--data", data, "--json");
        var absent = await BotProcess.RunAsync("ask", "What did Belgium say about the strike?", "--data", data, "--json");

        Assert.Equal(0, ask.ExitCode);
        var answer = JsonDocument.Parse(ask.Output).RootElement;
        Assert.False(answer.GetProperty("noResult").GetBoolean(), answer.GetProperty("answer").GetString());
        Assert.Contains("protected jobs", answer.GetProperty("answer").GetString());
        Assert.Equal(["Belgium"], answer.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.InRange(answer.GetProperty("confidence").GetSingle(), 0f, 1f);
        var notFound = JsonDocument.Parse(absent.Output).RootElement;
        Assert.True(notFound.GetProperty("noResult").GetBoolean());
        Assert.Equal(["Belgium"], notFound.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.InRange(notFound.GetProperty("confidence").GetSingle(), 0f, 1f);
    }

    [Fact]
    public async Task AskAndSearch_FromFiles_PrintOneResultPerLineInOrderWithIds()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        var corpus = folder.File("corpus.jsonl",
            """
            {"_id": "d1", "title": "Harbour strike ends", "text": "Dock workers in Rotterdam ended a nine-day strike after a pay rise.", "tags": {"desk": "europe"}}
            {"_id": "d2", "title": "Frost hits vineyards", "text": "A late frost damaged vines across Burgundy overnight.", "tags": {"desk": ["france", "wine"]}}
            not json at all
            """);
        var queries = folder.File("queries.jsonl",
            """
            {"_id": "q1", "text": "frost damage to vines"}
            {"_id": "q2", "text": "port workers strike"}
            """);
        var questions = folder.File("questions.jsonl",
            """
            {"id": "a1", "question": "Where did dock workers strike?"}
            {"id": "a2", "question": "What damaged the vines?"}
            """);

        var ingest = await BotProcess.RunAsync("ingest", "--jsonl", corpus, "--data", data);
        var search = await BotProcess.RunAsync("search", "--queries", queries, "--top", "1", "--data", data);
        var ask = await BotProcess.RunAsync("ask", "--questions", questions, "--data", data);

        Assert.Equal(1, ingest.ExitCode);
        Assert.Contains("corpus.jsonl:3", ingest.Errors);
        var searchLines = search.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["q1", "q2"], searchLines.Select(l => l.GetProperty("id").GetString()));
        Assert.Equal(["d2", "d1"], searchLines.Select(l => l.GetProperty("hits")[0].GetProperty("documentId").GetString()));
        var askLines = ask.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["a1", "a2"], askLines.Select(l => l.GetProperty("id").GetString()));
        Assert.Contains("Rotterdam", askLines[0].GetProperty("answer").GetString());
    }

    [Fact]
    public async Task Delete_RemovesTheDocumentAndReportsUnknownIds()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        await BotProcess.RunAsync("ingest", folder.File("harbour.txt", Harbour), "--data", data, "--id", "port-story");

        var delete = await BotProcess.RunAsync("delete", "port-story", "no-such-doc", "--data", data);
        var list = await BotProcess.RunAsync("list", "--data", data, "--json");

        Assert.Equal(1, delete.ExitCode);
        Assert.Contains("deleted port-story", delete.Output);
        Assert.Contains("no-such-doc", delete.Errors);
        Assert.Equal(0, JsonDocument.Parse(list.Output).RootElement.GetProperty("documents").GetArrayLength());
    }

    [Theory]
    [InlineData("ask")]
    [InlineData("search")]
    public async Task QuestionOverTheLimit_UsageErrorThatSaysTheLimit(string verb)
    {
        using var folder = new TempFolder();
        var question = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i}"));

        var run = await BotProcess.RunAsync(verb, question, "--data", Path.Combine(folder.Path, "data"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("at most 2,000 characters", run.Errors);
        Assert.Contains("Memory:Search:MaxQuestionCharacters", run.Errors);
    }

    [Fact]
    public async Task Sample_IsLoadedIntoANewMemoryOnly_NeverBackAfterTheUserDeletedIt()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        var samples = new Dictionary<string, string> { ["Bot__LoadSamplesWhenEmpty"] = "true" };

        var first = await BotProcess.RunAsync(samples, "search", "Vienna", "--json", "--data", data);
        var listed = await BotProcess.RunAsync(samples, "list", "--json", "--data", data);
        var sampleIds = JsonDocument.Parse(listed.Output).RootElement.GetProperty("documents").EnumerateArray()
            .Select(d => d.GetProperty("id").GetString()!).ToList();
        var delete = await BotProcess.RunAsync(samples, ["delete", .. sampleIds, "--data", data]);
        var again = await BotProcess.RunAsync(samples, "search", "Vienna", "--json", "--data", data);
        var ask = await BotProcess.RunAsync(samples, "ask", "What did Russia demand?", "--json", "--data", data);
        var after = await BotProcess.RunAsync(samples, "list", "--json", "--data", data);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("loaded 1 sample", first.Errors);
        Assert.NotEmpty(JsonDocument.Parse(first.Output).RootElement.GetProperty("hits").EnumerateArray());
        Assert.NotEmpty(sampleIds);
        Assert.Equal(0, delete.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("sample", again.Errors);
        Assert.Empty(JsonDocument.Parse(again.Output).RootElement.GetProperty("hits").EnumerateArray());
        Assert.DoesNotContain("sample", ask.Errors);
        Assert.True(JsonDocument.Parse(ask.Output).RootElement.GetProperty("noResult").GetBoolean(), ask.Output);
        Assert.Equal(0, JsonDocument.Parse(after.Output).RootElement.GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public async Task Sample_IsNotLoadedIntoAMemoryWhoseOwnDocumentsWereDeleted()
    {
        using var folder = new TempFolder();
        var data = Path.Combine(folder.Path, "data");
        var samples = new Dictionary<string, string> { ["Bot__LoadSamplesWhenEmpty"] = "true" };
        await BotProcess.RunAsync(samples, "ingest", folder.File("harbour.txt", Harbour), "--data", data, "--id", "port-story");
        await BotProcess.RunAsync(samples, "delete", "port-story", "--data", data);

        var search = await BotProcess.RunAsync(samples, "search", "Vienna", "--json", "--data", data);

        Assert.Equal(0, search.ExitCode);
        Assert.Empty(JsonDocument.Parse(search.Output).RootElement.GetProperty("hits").EnumerateArray());
    }

    [Fact]
    public async Task UnknownOption_ExitsWithUsageError()
    {
        var result = await BotProcess.RunAsync("ask", "question", "--colour", "blue");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--colour", result.Errors);
    }
}
