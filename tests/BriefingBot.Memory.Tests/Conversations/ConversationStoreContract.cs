using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Tests.Conversations;

/// <summary>
/// The behaviour every <see cref="IConversationStore"/> shares, run against each real store by a subclass, so the
/// SQLite file and the PostgreSQL database keep conversations alike.
/// </summary>
public abstract class ConversationStoreContract : IAsyncLifetime
{
    private readonly List<IMemoryStore> _memories = [];
    private bool _located;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Prepares a fresh, empty place for the memory; skips the test when it cannot exist here.</summary>
    protected abstract Task CreateLocationAsync();

    /// <summary>A new memory store over the location, as another process would open it; not yet initialised.</summary>
    protected abstract IMemoryStore OpenMemory();

    /// <summary>The conversation store kept beside the (initialised) memory.</summary>
    protected abstract IConversationStore ConversationsOf(IMemoryStore memory);

    protected abstract Task DeleteLocationAsync();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var memory in _memories)
        {
            memory.Dispose();
        }

        if (_located)
        {
            await DeleteLocationAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task RecentAsync_TwoConversations_AreKeptApart()
    {
        var store = await NewStoreAsync();

        await store.AppendAsync(Turn("a") with { Question = "first in a" }, 10, Ct);
        await store.AppendAsync(Turn("b") with { Question = "first in b" }, 10, Ct);
        await store.AppendAsync(Turn("a") with { Question = "second in a" }, 10, Ct);

        Assert.Equal(["first in a", "second in a"], (await store.RecentAsync("a", 10, Ct)).Select(t => t.Question));
        Assert.Equal(["second in a"], (await store.RecentAsync("a", 1, Ct)).Select(t => t.Question));
        Assert.Equal(["first in b"], (await store.RecentAsync("b", 10, Ct)).Select(t => t.Question));
        Assert.Equal(2, await store.ResetAsync("a", Ct));
        Assert.Empty(await store.RecentAsync("a", 10, Ct));
        Assert.Single(await store.RecentAsync("b", 10, Ct));
    }

    [Fact]
    public async Task AppendAsync_EveryField_ReadsBackAsWritten()
    {
        var store = await NewStoreAsync();
        var turn = Turn("fields") with
        {
            Question = "And Kyiv?",
            StandaloneQuestion = "What did Kyiv say about the draft proposals?",
            Answer = "Nothing in the briefings answers that.",
            NoResult = true,
            Mode = "generative",
            Created = new DateTimeOffset(2026, 11, 27, 14, 30, 15, 123, TimeSpan.FromHours(2)),
        };

        var saved = await store.AppendAsync(turn, 5, Ct);
        var read = Assert.Single(await store.RecentAsync("fields", 5, Ct));

        Assert.Equal(1, saved.Number);
        Assert.Equal(turn with { Number = 1 }, read with { Created = turn.Created });
        Assert.Equal(turn.Created.UtcTicks, read.Created.UtcTicks);
    }

    [Fact]
    public async Task AppendAsync_BeyondMaxTurns_KeepsTheNewestAndNumbersOn()
    {
        var store = await NewStoreAsync();

        for (var i = 1; i <= 7; i++)
        {
            Assert.Equal(i, (await store.AppendAsync(Turn("long") with { Question = $"question {i}" }, maxTurns: 3, Ct)).Number);
        }

        var kept = await store.RecentAsync("long", 10, Ct);
        Assert.Equal([5, 6, 7], kept.Select(t => t.Number));
        Assert.Equal(["question 5", "question 6", "question 7"], kept.Select(t => t.Question));
    }

    [Fact]
    public async Task AppendAsync_FromTwoStoreObjectsAtOnce_NumbersEveryTurnOnce()
    {
        var first = await NewStoreAsync();
        var second = ConversationsOf(await OpenInitializedMemoryAsync());

        var appends = Enumerable.Range(0, 20)
            .Select(i => (i % 2 == 0 ? first : second).AppendAsync(Turn("shared") with { Question = $"q{i}" }, 100, Ct))
            .ToList();
        var saved = await Task.WhenAll(appends);

        Assert.Equal(Enumerable.Range(1, 20), saved.Select(t => t.Number).Order());
        var read = await second.RecentAsync("shared", 100, Ct);
        Assert.Equal(Enumerable.Range(1, 20), read.Select(t => t.Number));
        Assert.Equal(saved.Select(t => t.Question).Order(), read.Select(t => t.Question).Order());
    }

    [Fact]
    public async Task ResetAsync_UnknownConversation_DeletesNothing()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync(Turn("known"), 5, Ct);

        Assert.Equal(0, await store.ResetAsync("unknown", Ct));
        Assert.Single(await store.RecentAsync("known", 5, Ct));
    }

    [Fact]
    public async Task RecentAsync_AfterReopening_ReturnsTheSavedTurns()
    {
        var store = await NewStoreAsync();
        await store.AppendAsync(Turn("lasting") with { Question = "What did Moscow publish?" }, 5, Ct);

        var reopened = ConversationsOf(await OpenInitializedMemoryAsync());

        Assert.Equal(["What did Moscow publish?"], (await reopened.RecentAsync("lasting", 5, Ct)).Select(t => t.Question));
    }

    protected static ConversationTurn Turn(string id) => new()
    {
        ConversationId = id,
        Number = 0,
        Question = "What did Moscow publish?",
        StandaloneQuestion = "What did Moscow publish?",
        Answer = "Moscow published draft proposals on European security. [1]",
        NoResult = false,
        Mode = "extractive",
        Created = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
    };

    private async Task<IConversationStore> NewStoreAsync()
    {
        if (!_located)
        {
            await CreateLocationAsync();
            _located = true;
        }

        return ConversationsOf(await OpenInitializedMemoryAsync());
    }

    private async Task<IMemoryStore> OpenInitializedMemoryAsync()
    {
        var memory = OpenMemory();
        _memories.Add(memory);
        await memory.InitializeAsync("conversation-contract-model", 8, Ct);
        return memory;
    }
}
