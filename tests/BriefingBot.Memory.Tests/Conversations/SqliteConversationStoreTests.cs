using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Memory.Tests.Conversations;

public sealed class SqliteConversationStoreTests
{
    [Fact]
    public async Task InitializeAsync_MemoryWrittenBeforeConversations_GainsTheTableAndKeepsItsDocuments()
    {
        var ct = TestContext.Current.CancellationToken;
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(BriefingBot.Memory.Ingestion.IngestRequest.FromText("Moscow published draft proposals on European security.", "doc-1", "Drafts"), ct);
        test.Memory.Dispose();
        await using (var connection = new SqliteConnection($"Data Source={test.Options.StorePath};Pooling=False"))
        {
            await connection.OpenAsync(ct);
            await using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "DROP TABLE conversation_turns; DROP TABLE jobs; PRAGMA user_version = 1;";
            await downgrade.ExecuteNonQueryAsync(ct);
        }

        using var reopened = await test.OpenAgainAsync();
        var store = new SqliteConversationStore(test.Options.StorePath);
        var saved = await store.AppendAsync(Turn("c1"), maxTurns: 5, ct);

        Assert.Equal(1, saved.Number);
        Assert.Single(await store.RecentAsync("c1", 5, ct));
        Assert.NotNull(await reopened.Store.GetDocumentAsync("doc-1", ct));
    }

    [Fact]
    public async Task RecentAsync_TwoConversations_AreKeptApart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var test = await TestMemory.CreateAsync();
        var store = new SqliteConversationStore(test.Options.StorePath);

        await store.AppendAsync(Turn("a") with { Question = "first in a" }, 10, ct);
        await store.AppendAsync(Turn("b") with { Question = "first in b" }, 10, ct);
        await store.AppendAsync(Turn("a") with { Question = "second in a" }, 10, ct);

        Assert.Equal(["first in a", "second in a"], (await store.RecentAsync("a", 10, ct)).Select(t => t.Question));
        Assert.Equal(["second in a"], (await store.RecentAsync("a", 1, ct)).Select(t => t.Question));
        Assert.Equal(["first in b"], (await store.RecentAsync("b", 10, ct)).Select(t => t.Question));
        Assert.Equal(2, await store.ResetAsync("a", ct));
        Assert.Empty(await store.RecentAsync("a", 10, ct));
        Assert.Single(await store.RecentAsync("b", 10, ct));
    }

    private static ConversationTurn Turn(string id) => new()
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
}
