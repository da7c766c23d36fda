using BriefingBot.Memory.Storage.Sqlite;
using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Memory.Tests.Conversations;

/// <summary>The conversation store contract on a real SQLite file, and the SQLite file's own migration.</summary>
public sealed class SqliteConversationStoreTests : ConversationStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "briefingbot-tests", Guid.NewGuid().ToString("N"));

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

    protected override Task CreateLocationAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    protected override IMemoryStore OpenMemory() => new SqliteMemoryStore(Path.Combine(_folder, "memory.db"));

    protected override IConversationStore ConversationsOf(IMemoryStore memory) => new SqliteConversationStore(((SqliteMemoryStore)memory).Path);

    protected override Task DeleteLocationAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere in the run; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }
}
