using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Generation;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Conversations;

/// <summary>Conversations over a real memory: extractive with the heuristic rewriter, and with the scripted model.</summary>
public sealed class ConversationServiceTests
{
    private const string First = "What is Russia demanding from Nato?";
    private const string FollowUp = "and what did the US say about it?";
    private const string DemandsSentence = "The demands include a permanent bar on Ukraine ever joining Nato and a Russian veto over military deployments in alliance member states";
    private const string DonfriedSentence = "Karen Donfried said Washington was ready to discuss some of the Russian proposals while others would plainly be rejected";

    [Fact]
    public async Task AskAsync_ExtractiveFollowUp_IsMadeStandaloneFromThePreviousTurn()
    {
        using var test = await SampleMemoryAsync();
        var answering = BriefingAnswering.Create(test.Memory, test.Options, null, TestMemory.Embedder);
        var ct = TestContext.Current.CancellationToken;

        var first = await answering.Conversations.AskAsync("c1", First, cancellationToken: ct);
        var second = await answering.Conversations.AskAsync("c1", FollowUp, cancellationToken: ct);
        var alone = await answering.Conversations.AskAsync("c2", FollowUp, cancellationToken: ct);

        Assert.Equal(ExtractiveAnswerer.Mode, first.Answer.Mode);
        Assert.False(first.Answer.NoResult);
        Assert.Equal(1, first.Turn);
        Assert.Equal(2, second.Turn);
        Assert.Equal(FollowUp, second.Answer.Question);
        Assert.StartsWith(FollowUp + " (about: ", second.StandaloneQuestion);
        Assert.Contains("demanding", second.StandaloneQuestion);
        Assert.Equal(FollowUp, alone.StandaloneQuestion);
        Assert.False(second.Answer.NoResult, second.StandaloneQuestion);
        Assert.Empty(second.Suggestions);
    }

    [Fact]
    public async Task AskAsync_AfterReopeningTheStore_TheConversationContinues()
    {
        using var test = await SampleMemoryAsync();
        var ct = TestContext.Current.CancellationToken;
        await BriefingAnswering.Create(test.Memory, test.Options, null, TestMemory.Embedder).Conversations.AskAsync("c1", First, cancellationToken: ct);
        test.Memory.Dispose();

        using var reopened = await test.OpenAgainAsync();
        var conversations = BriefingAnswering.Create(reopened, test.Options, null, TestMemory.Embedder).Conversations;
        var history = await conversations.HistoryAsync("c1", ct);
        var second = await conversations.AskAsync("c1", FollowUp, cancellationToken: ct);

        var turn = Assert.Single(history);
        Assert.Equal(First, turn.Question);
        Assert.Equal(ExtractiveAnswerer.Mode, turn.Mode);
        Assert.Contains("[1]", turn.Answer);
        Assert.Equal(2, second.Turn);
        Assert.Contains("demanding", second.StandaloneQuestion);
    }

    [Fact]
    public async Task ResetAsync_Conversation_ForgetsItsTurns()
    {
        using var test = await SampleMemoryAsync();
        var conversations = BriefingAnswering.Create(test.Memory, test.Options, null, TestMemory.Embedder).Conversations;
        var ct = TestContext.Current.CancellationToken;
        await conversations.AskAsync("c1", First, cancellationToken: ct);

        Assert.Equal(1, await conversations.ResetAsync("c1", ct));
        var after = await conversations.AskAsync("c1", FollowUp, cancellationToken: ct);

        Assert.Equal(FollowUp, after.StandaloneQuestion);
        Assert.Equal(1, after.Turn);
    }

    [Fact]
    public async Task AskAsync_MoreTurnsThanKept_KeepsOnlyTheNewest()
    {
        using var test = await SampleMemoryAsync(o => o.Conversation = new ConversationOptions { MaxTurns = 2, ContextTurns = 1 });
        var conversations = BriefingAnswering.Create(test.Memory, test.Options, null, TestMemory.Embedder).Conversations;
        var ct = TestContext.Current.CancellationToken;

        foreach (var question in new[] { First, "Which sanctions are being prepared?", "How many Russian soldiers are near the border?" })
        {
            await conversations.AskAsync("c1", question, cancellationToken: ct);
        }

        var history = await conversations.HistoryAsync("c1", ct);
        Assert.Equal([2, 3], history.Select(t => t.Number));
        Assert.Equal("How many Russian soldiers are near the border?", history[^1].Question);
    }

    [Fact]
    public async Task AskAsync_BadConversationId_FailsClearly()
    {
        using var test = await SampleMemoryAsync();
        var conversations = BriefingAnswering.Create(test.Memory, test.Options, null, TestMemory.Embedder).Conversations;

        var blank = await Assert.ThrowsAsync<ArgumentException>(() => conversations.AskAsync(" ", First, cancellationToken: TestContext.Current.CancellationToken));
        var tooLong = await Assert.ThrowsAsync<ArgumentException>(() => conversations.AskAsync(new string('x', 500), First, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("conversation id", blank.Message);
        Assert.Contains("200", tooLong.Message);
    }

    [Fact]
    public async Task AskAsync_ModelFollowUp_IsRewrittenByThePromptAndTheRewriteIsAnswered()
    {
        await using var bed = await GenerativeTestBed.CreateAsync(o => o.FollowUpSuggestions = false);
        var conversations = BriefingAnswering.Create(bed.Memory, bed.Test.Options, bed.Model, GenerativeTestBed.GroundingEmbedder, bed.Logs).Conversations;
        var ct = TestContext.Current.CancellationToken;
        const string rewritten = "What did the US say about Russia's demands of Nato?";
        bed.Server
            .Then(r => ScriptedResponse.Chat($"{DemandsSentence} [{FactWith(r, "permanent bar")}]."))
            .Then(ScriptedResponse.Chat(rewritten + "\n"))
            .Then(r => ScriptedResponse.Chat($"{DonfriedSentence} [{FactWith(r, "Donfried")}]."));

        var first = await conversations.AskAsync("c1", First, cancellationToken: ct);
        var second = await conversations.AskAsync("c1", FollowUp, cancellationToken: ct);

        var requests = bed.Server.ChatRequests;
        Assert.Equal(3, requests.Count);
        Assert.Equal(("user", First), requests[0].Messages[^1]);
        var rewrite = requests[1];
        Assert.Equal(0, rewrite.Json.GetProperty("temperature").GetDouble());
        Assert.Contains("rewrite", rewrite.Messages[0].Content, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("User: " + First, rewrite.Messages[^1].Content);
        Assert.Contains("Assistant: The demands include a permanent bar", rewrite.Messages[^1].Content);
        Assert.DoesNotContain("[1]", rewrite.Messages[^1].Content);
        Assert.Contains("Latest question: " + FollowUp, rewrite.Messages[^1].Content);
        Assert.Equal(("user", rewritten), requests[2].Messages[^1]);
        Assert.Equal(GeneratedAnswerComposer.Mode, first.Answer.Mode);
        Assert.Equal(rewritten, second.StandaloneQuestion);
        Assert.Equal(FollowUp, second.Answer.Question);
        Assert.Equal(GeneratedAnswerComposer.Mode, second.Answer.Mode);
        Assert.Contains("Donfried", second.Answer.Text);
    }

    [Fact]
    public async Task AskAsync_ModelRewriteFails_UsesTheHeuristic()
    {
        await using var bed = await GenerativeTestBed.CreateAsync(o =>
        {
            o.FollowUpSuggestions = false;
            o.MaxRetries = 0;
        });
        var conversations = BriefingAnswering.Create(bed.Memory, bed.Test.Options, bed.Model, GenerativeTestBed.GroundingEmbedder, bed.Logs).Conversations;
        var ct = TestContext.Current.CancellationToken;
        bed.Server
            .Then(r => ScriptedResponse.Chat($"{DemandsSentence} [{FactWith(r, "permanent bar")}]."))
            .Then(ScriptedResponse.Error(500, "rewrite failed"))
            .Then(r => ScriptedResponse.Chat($"{DonfriedSentence} [{FactWith(r, "Donfried")}]."));

        await conversations.AskAsync("c1", First, cancellationToken: ct);
        var second = await conversations.AskAsync("c1", FollowUp, cancellationToken: ct);

        Assert.StartsWith(FollowUp + " (about: ", second.StandaloneQuestion);
        Assert.Equal(GeneratedAnswerComposer.Mode, second.Answer.Mode);
        Assert.Contains(bed.Logs.Entries, e => e.Message.Contains("using the heuristic", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AskStreamingAsync_WithSuggestions_StreamsThenStoresTheTurnAndSuggests()
    {
        await using var bed = await GenerativeTestBed.CreateAsync();
        var conversations = BriefingAnswering.Create(bed.Memory, bed.Test.Options, bed.Model, GenerativeTestBed.GroundingEmbedder, bed.Logs).Conversations;
        var ct = TestContext.Current.CancellationToken;
        bed.Server
            .Then(r => ScriptedResponse.Stream(["The demands include a permanent bar on Ukraine ever joining Nato ", $"and a Russian veto over military deployments in alliance member states [{FactWith(r, "permanent bar")}]."]))
            .Then(ScriptedResponse.Chat("1. What did Nato say about the proposals?\n- When will the talks with Moscow start?\n\"Which sanctions are being prepared?\"\nA fourth question?"));

        var updates = new List<ConversationUpdate>();
        await foreach (var update in conversations.AskStreamingAsync("c1", First, cancellationToken: ct))
        {
            updates.Add(update);
        }

        Assert.Equal(2, updates.Count(u => !u.IsFinal));
        var reply = updates[^1].Final!;
        Assert.Equal(["What did Nato say about the proposals?", "When will the talks with Moscow start?", "Which sanctions are being prepared?"], reply.Suggestions);
        var suggest = bed.Server.ChatRequests[1];
        Assert.Contains("permanent bar", suggest.Messages[0].Content);
        Assert.Contains("Question asked: " + First, suggest.Messages[^1].Content);
        var turn = Assert.Single(await conversations.HistoryAsync("c1", ct));
        Assert.Equal(reply.Answer.Text, turn.Answer);
        Assert.Equal(GeneratedAnswerComposer.Mode, turn.Mode);
    }

    [Fact]
    public async Task AskAsync_ModelDown_AnswersExtractivelyWithoutAskingForSuggestions()
    {
        await using var bed = await GenerativeTestBed.CreateAsync(o => o.MaxRetries = 0);
        var conversations = BriefingAnswering.Create(bed.Memory, bed.Test.Options, bed.Model, GenerativeTestBed.GroundingEmbedder, bed.Logs).Conversations;

        var reply = await conversations.AskAsync("c1", First, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ExtractiveAnswerer.Mode, reply.Answer.Mode);
        Assert.False(reply.Answer.NoResult);
        Assert.Empty(reply.Suggestions);
        Assert.Single(bed.Server.ChatRequests);
        Assert.Equal(1, reply.Turn);
    }

    private static async Task<TestMemory> SampleMemoryAsync(Action<MemoryOptions>? configure = null)
    {
        var test = await TestMemory.CreateAsync(configure);
        var ct = TestContext.Current.CancellationToken;
        await test.Memory.IngestAsync(await IngestRequest.FromFileAsync(GenerativeTestBed.SamplePath, cancellationToken: ct), ct);
        return test;
    }

    private static int FactWith(RecordedRequest request, string phrase) =>
        GenerativeTestBed.FactsOf(request).First(f => f.Value.Contains(phrase, StringComparison.Ordinal)).Key;
}
