using System.Diagnostics;
using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Generation;
using BriefingBot.Memory.Tests.Support;
using Microsoft.Extensions.Logging;

namespace BriefingBot.Memory.Tests.Generation;

/// <summary>
/// Generative answers through the real Semantic Kernel connectors against a scripted OpenAI-compatible server on
/// loopback, over a real memory holding the sample briefing.
/// </summary>
public sealed class GenerativeAnswererTests
{
    private const string Question = "What is Russia demanding from Nato?";
    private const string DemandsSentence = "The demands include a permanent bar on Ukraine ever joining Nato and a Russian veto over military deployments in alliance member states";
    private const string ScaleBackSentence = "Russia wants Nato and the United States to scale back their military presence in eastern Europe";

    [Fact]
    public async Task AskAsync_ModelAnswers_RequestCarriesModelNumberedFactsAndTemperatureZero()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(r => ScriptedResponse.Chat($"{DemandsSentence} [{FactWith(r, "permanent bar")}]."));

        var answer = await bed.Answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        var request = Assert.Single(bed.Server.ChatRequests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal(GenerativeTestBed.ChatModel, request.Json.GetProperty("model").GetString());
        Assert.Equal(0, request.Json.GetProperty("temperature").GetDouble());
        var messages = request.Messages;
        Assert.Equal("system", messages[0].Role);
        Assert.Contains("[1] Title: Briefing: US and Russia head for January talks on European security", messages[0].Content);
        Assert.Contains("Date: 2021-12-21", messages[0].Content);
        Assert.Contains(new AnswerOptions().NotFoundText, messages[0].Content);
        Assert.Equal(("user", Question), messages[^1]);
        var facts = GenerativeTestBed.FactsOf(request);
        Assert.Equal(Enumerable.Range(1, facts.Count), facts.Keys.Order());

        Assert.Equal(GeneratedAnswerComposer.Mode, answer.Mode);
        Assert.False(answer.NoResult);
        Assert.Equal(Question, answer.Question);
        var citation = Assert.Single(answer.Citations);
        Assert.Equal(1, citation.N);
        Assert.EndsWith("[1]", answer.Text);
        Assert.Equal(bed.DocumentId, citation.DocumentId);
        var text = await bed.DocumentTextAsync();
        Assert.Equal(citation.Quote, text[citation.Start..citation.End]);
        Assert.Contains("permanent bar", citation.Quote);
    }

    [Fact]
    public async Task AskStreamingAsync_ServerSentEvents_StreamsDeltasThenTheCheckedAnswer()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        var deltas = new List<string>();
        bed.Server.Then(r =>
        {
            deltas.AddRange(["The demands include a permanent bar ", "on Ukraine ever joining Nato and a Russian veto ", $"over military deployments in alliance member states [{FactWith(r, "permanent bar")}]."]);
            return ScriptedResponse.Stream(deltas);
        });

        var updates = new List<AnswerStreamUpdate>();
        await foreach (var update in bed.Answerer.AskStreamingAsync(Question, cancellationToken: TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.True(Assert.Single(bed.Server.ChatRequests).Json.GetProperty("stream").GetBoolean());
        Assert.Equal(deltas, updates.Where(u => !u.IsFinal).Select(u => u.Delta));
        var final = Assert.Single(updates, u => u.IsFinal).Final!;
        Assert.Same(final, updates[^1].Final);
        Assert.Equal(GeneratedAnswerComposer.Mode, final.Mode);
        Assert.StartsWith("The demands include a permanent bar on Ukraine ever joining Nato", final.Text);
        Assert.EndsWith("[1]", final.Text);
        Assert.Single(final.Citations);
    }

    [Fact]
    public async Task AskAsync_TooManyRequestsWithRetryAfter_WaitsAndRetries()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server
            .Then(ScriptedResponse.Error(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "1" }))
            .Then(r => ScriptedResponse.Chat($"{DemandsSentence} [{FactWith(r, "permanent bar")}]."));

        var watch = Stopwatch.StartNew();
        var answer = await bed.Answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);
        watch.Stop();

        Assert.Equal(2, bed.Server.ChatRequests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}");
        Assert.Equal(GeneratedAnswerComposer.Mode, answer.Mode);
        Assert.False(answer.NoResult);
    }

    [Fact]
    public async Task AskAsync_RetryAfterLongerThanAllowed_FallsBackWithoutWaiting()
    {
        await using var bed = await GenerativeTestBed.CreateAsync(o => o.MaxRetryDelaySeconds = 5);
        bed.Server.Fallback = _ => ScriptedResponse.Error(429, "quota", new Dictionary<string, string> { ["Retry-After"] = "120" });

        var watch = Stopwatch.StartNew();
        var answer = await bed.Answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Single(bed.Server.ChatRequests);
        Assert.Equal(ExtractiveAnswerer.Mode, answer.Mode);
    }

    [Fact]
    public async Task AskAsync_ServerErrors_RetriesThenFallsBackToExtractiveAndLogs()
    {
        await using var bed = await GenerativeTestBed.CreateAsync(o => o.MaxRetries = 1);
        bed.Server.Fallback = _ => ScriptedResponse.Error(500, "internal error");

        var answer = await bed.Answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, bed.Server.ChatRequests.Count);
        Assert.Equal(ExtractiveAnswerer.Mode, answer.Mode);
        Assert.False(answer.NoResult);
        Assert.NotEmpty(answer.Citations);
        Assert.Contains(bed.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("answering extractively", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_ModelTooSlow_TimesOutAndFallsBackToExtractive()
    {
        await using var bed = await GenerativeTestBed.CreateAsync(o =>
        {
            o.RequestTimeoutSeconds = 0.5;
            o.MaxRetries = 0;
        });
        bed.Server.Then(ScriptedResponse.Chat("too late") with { Delay = TimeSpan.FromSeconds(8) });

        var watch = Stopwatch.StartNew();
        var answer = await bed.Answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), $"took {watch.Elapsed}");
        Assert.Equal(ExtractiveAnswerer.Mode, answer.Mode);
        Assert.False(answer.NoResult);
        Assert.Contains(bed.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("did not respond", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AskStreamingAsync_StreamStallsPastTheAnswerTimeout_FallsBackToExtractive()
    {
        await using var bed = await GenerativeTestBed.CreateAsync(o => o.AnswerTimeoutSeconds = 1);
        bed.Server.Then(ScriptedResponse.Stream(["The demands include "]) with { Delay = TimeSpan.FromSeconds(8) });

        AnswerStreamUpdate? final = null;
        await foreach (var update in bed.Answerer.AskStreamingAsync(Question, cancellationToken: TestContext.Current.CancellationToken))
        {
            final = update.IsFinal ? update : final;
        }

        Assert.Equal(ExtractiveAnswerer.Mode, final!.Final!.Mode);
        Assert.Contains(bed.Logs.Entries, e => e.Message.Contains("AI:AnswerTimeoutSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AskAsync_MarkersInManyForms_AreParsedRenumberedAndInventedOnesDropped()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(r =>
        {
            var demands = FactWith(r, "permanent bar");
            var scaleBack = FactWith(r, "scale back");
            return ScriptedResponse.Chat(
                $"{ScaleBackSentence} [doc{scaleBack}]. {DemandsSentence}[{demands}, 42][17]. Putin rejected the idea that the proposals amount to an ultimatum [{demands}");
        });

        var answer = await bed.Answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(GeneratedAnswerComposer.Mode, answer.Mode);
        Assert.DoesNotContain("doc", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("[42]", answer.Text);
        Assert.DoesNotContain("[17]", answer.Text);
        Assert.Contains("scale back their military presence", answer.Text);
        Assert.Contains("permanent bar", answer.Text);
        Assert.Equal(Enumerable.Range(1, answer.Citations.Count), answer.Citations.Select(c => c.N));
        var used = System.Text.RegularExpressions.Regex.Matches(answer.Text, @"\[(\d+)\]").Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        Assert.Equal(answer.Citations.Select(c => c.N).ToHashSet(), used);
        var text = await bed.DocumentTextAsync();
        Assert.All(answer.Citations, c => Assert.Equal(c.Quote, text[c.Start..c.End]));
        Assert.Contains(answer.Citations, c => c.Quote.Contains("scale back", StringComparison.Ordinal));
        Assert.Contains(answer.Citations, c => c.Quote.Contains("permanent bar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AskAsync_SentenceItsPassageDoesNotSupport_IsRemoved()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(r => ScriptedResponse.Chat(
            $"{DemandsSentence} [{FactWith(r, "permanent bar")}]. The talks will be chaired in Geneva by the Swiss foreign minister, who expects a deal by March [{FactWith(r, "permanent bar")}]."));

        var answer = await bed.Answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(GeneratedAnswerComposer.Mode, answer.Mode);
        Assert.Contains("permanent bar", answer.Text);
        Assert.DoesNotContain("Geneva", answer.Text);
        Assert.Empty(answer.Unsupported);
        Assert.Single(answer.Citations);
    }

    [Fact]
    public async Task AskAsync_UnsupportedSentenceWithFlagSetting_IsKeptWithoutCitationAndListed()
    {
        await using var bed = await GenerativeTestBed.CreateAsync(o => o.UnsupportedSentences = UnsupportedSentences.Flag);
        bed.Server.Then(r => ScriptedResponse.Chat(
            $"{DemandsSentence} [{FactWith(r, "permanent bar")}]. The talks will be chaired in Geneva by the Swiss foreign minister, who expects a deal by March [{FactWith(r, "permanent bar")}]."));

        var answer = await bed.Answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        var flagged = Assert.Single(answer.Unsupported);
        Assert.Contains("Geneva", flagged);
        Assert.EndsWith(flagged, answer.Text);
        Assert.Single(answer.Citations);
    }

    [Fact]
    public async Task AskAsync_NoSentenceSupported_IsNotFoundNeverReplacedByQuotes()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(ScriptedResponse.Chat("The summit in Geneva produced a ceasefire and a trade agreement on grain [1]."));

        var answer = await bed.Answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(GeneratedAnswerComposer.Mode, answer.Mode);
        Assert.True(answer.NoResult);
        Assert.Empty(answer.Citations);
        Assert.DoesNotContain("Geneva", answer.Text);
        Assert.Contains(bed.Logs.Entries, e => e.Message.Contains("No sentence of the generated answer is supported", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("The passages do not cover that.")]
    [InlineData("I couldn't find that in the sources.")]
    [InlineData("Nothing in the provided articles says so.")]
    [InlineData("Sorry, the facts given don't mention what Japan said.")]
    public async Task AskAsync_RefusalInTheModelsOwnWords_IsNotFoundWithItsReasonAndNoQuotes(string refusal)
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(ScriptedResponse.Chat(refusal));

        var answer = await bed.Answerer.AskAsync("What did Russia say about the talks?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(answer.NoResult);
        Assert.Equal(GeneratedAnswerComposer.Mode, answer.Mode);
        Assert.Empty(answer.Citations);
        Assert.Equal(bed.Test.Options.Answer.NotFoundText, answer.Text);
        Assert.Contains(refusal, answer.NoResultReason);
        Assert.DoesNotContain(bed.Logs.Entries, e => e.Message.Contains("extractively", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Roughly 200,000 Russian soldiers are massed near the Ukrainian border", "100,000")]
    [InlineData("On 23 December President Vladimir Putin said Russia was ready to use its armed forces", "21 December")]
    [InlineData("President Emmanuel Macron said Russia was ready to use its armed forces", "21 December")]
    public async Task AskAsync_SentenceWithASwappedNumberDateOrName_IsUnsupported(string sentence, string citedPhrase)
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(r => ScriptedResponse.Chat($"{sentence} [{FactWith(r, citedPhrase)}]."));

        var answer = await bed.Answerer.AskAsync("What is happening on the Ukrainian border?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(answer.NoResult);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task AskAsync_TheSameSentenceWithTheRightNumber_IsSupported()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(r => ScriptedResponse.Chat($"Roughly 100,000 Russian soldiers are massed near the Ukrainian border [{FactWith(r, "100,000")}]."));

        var answer = await bed.Answerer.AskAsync("What is happening on the Ukrainian border?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(answer.NoResult);
        Assert.Contains("100,000", Assert.Single(answer.Citations).Quote);
    }

    [Fact]
    public async Task AskAsync_ModelUnreachable_FallsBackToTheExtractiveAnswer()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        var closed = GenerativeTestBed.OptionsFor(bed.Server);
        closed.Endpoint = $"http://127.0.0.1:{ClosedPort()}/v1";
        closed.MaxRetries = 0;
        using var model = GenerativeModel.Create(closed, AppContext.BaseDirectory, bed.Logs);
        var answerer = new GenerativeAnswerer(bed.Memory, bed.Test.Options.Answer, model, GenerativeTestBed.GroundingEmbedder, bed.Logs.CreateLogger<GenerativeAnswerer>());

        var answer = await answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ExtractiveAnswerer.Mode, answer.Mode);
        Assert.False(answer.NoResult);
        Assert.Contains(answer.Citations, c => c.Quote.Contains("permanent bar", StringComparison.Ordinal));
        Assert.Contains(bed.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("answering extractively", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Yes — ")]
    [InlineData("Yes. ")]
    public async Task AskAsync_YesNoQuestion_LeadsWithTheCitedVerdict(string verdict)
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(r => ScriptedResponse.Chat($"{verdict}{ScaleBackSentence} [{FactWith(r, "scale back")}]."));

        var answer = await bed.Answerer.AskAsync("Does Russia want Nato to scale back in eastern Europe?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(answer.NoResult);
        Assert.StartsWith("Yes — Russia wants Nato", answer.Text);
        Assert.EndsWith("[1]", answer.Text);
        Assert.Contains("scale back", Assert.Single(answer.Citations).Quote);
    }

    [Fact]
    public async Task AskAsync_YesNoQuestionAnsweredWithoutAVerdict_SaysTheSourcesDoNotSayFirst()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(r => ScriptedResponse.Chat($"{ScaleBackSentence} [{FactWith(r, "scale back")}]."));

        var answer = await bed.Answerer.AskAsync("Will Nato scale back in eastern Europe?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(answer.NoResult);
        Assert.StartsWith(GeneratedAnswerComposer.NoVerdict, answer.Text);
        Assert.Single(answer.Citations);
    }

    [Fact]
    public async Task AskAsync_YesNoQuestionTheSourcesDoNotSettle_IsNotFound()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(ScriptedResponse.Chat("The sources don't say."));

        var answer = await bed.Answerer.AskAsync("Will the talks take place in Geneva?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(answer.NoResult);
        Assert.Empty(answer.Citations);
    }

    [Fact]
    public async Task AskAsync_PartlyAnswered_KeepsTheCoveredPartAndListsWhatIsMissing()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        bed.Server.Then(r => ScriptedResponse.Chat($"{DemandsSentence} [{FactWith(r, "permanent bar")}]. The facts do not say what China thinks of them."));

        var answer = await bed.Answerer.AskAsync("What is Russia demanding, and what does China think?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(answer.NoResult);
        Assert.DoesNotContain("China", answer.Text);
        Assert.Contains("The facts do not say what China thinks of them.", answer.Missing);
    }

    [Fact]
    public async Task AskAsync_ModelSaysNotFound_IsNoResult()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        var notFound = bed.Test.Options.Answer.NotFoundText;
        bed.Server.Then(ScriptedResponse.Chat(notFound));

        // Every named thing of the question is in the memory, so the question reaches the model, which declines.
        var answer = await bed.Answerer.AskAsync("What did Russia say about fishing quotas?", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Single(bed.Server.ChatRequests);
        Assert.True(answer.NoResult);
        Assert.Equal(GeneratedAnswerComposer.Mode, answer.Mode);
        Assert.Equal(notFound, answer.Text);
        Assert.Empty(answer.Citations);
        Assert.NotNull(answer.NoResultReason);
    }

    [Fact]
    public async Task AskAsync_AzureProviderWithKey_CallsTheDeploymentWithTheKey()
    {
        await using var bed = await GenerativeTestBed.CreateAsync(o =>
        {
            o.Provider = AiProvider.AzureOpenAI;
            o.Endpoint = o.Endpoint!.Replace("/v1", "/", StringComparison.Ordinal);
            o.ChatModel = "briefing-deployment";
            o.ApiKey = "azure-test-key";
        });
        bed.Server.Then(r => ScriptedResponse.Chat($"{DemandsSentence} [{FactWith(r, "permanent bar")}]."));

        var answer = await bed.Answerer.AskAsync(Question, cancellationToken: TestContext.Current.CancellationToken);

        var request = Assert.Single(bed.Server.ChatRequests);
        Assert.Equal("/openai/deployments/briefing-deployment/chat/completions", request.Path);
        Assert.Contains("api-version=", request.Query);
        Assert.Equal("azure-test-key", request.Headers["api-key"]);
        Assert.Equal(0, request.Json.GetProperty("temperature").GetDouble());
        Assert.Equal(GeneratedAnswerComposer.Mode, answer.Mode);
    }

    [Fact]
    public async Task FactSheetBuild_BudgetForTwoFacts_KeepsTheBestTwoNumberedFromOne()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        var search = await bed.Memory.SearchAsync(new Retrieval.SearchRequest { Query = Question, Limit = 8 }, TestContext.Current.CancellationToken);
        Assert.True(search.Hits.Count >= 3);
        var tokenizer = bed.Model.Tokenizer;
        var two = search.Hits.Take(2).Select((h, i) => tokenizer.CountTokens(FactSheet.Format(i + 1, h)) + 2).Sum();

        var sheet = FactSheet.Build(search.Hits, tokenizer, two);

        Assert.Equal([1, 2], sheet.Facts.Select(f => f.N));
        Assert.Equal(search.Hits.Take(2).Select(h => h.Chunk.Id), sheet.Facts.Select(f => f.Hit.Chunk.Id));
        Assert.Single(FactSheet.Build(search.Hits, tokenizer, two - 1).Facts);
        Assert.StartsWith("[1] Title: ", sheet.Text);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The number under which the request's facts show the passage containing the phrase.</summary>
    private static int FactWith(RecordedRequest request, string phrase) =>
        GenerativeTestBed.FactsOf(request).First(f => f.Value.Contains(phrase, StringComparison.Ordinal)).Key;
}
