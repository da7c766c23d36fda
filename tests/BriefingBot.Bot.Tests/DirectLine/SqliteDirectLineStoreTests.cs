using BriefingBot.Memory.Storage.Sqlite;
using BriefingBot.Memory.DirectLine;
using BriefingBot.Bot.DirectLine;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Bot.Tests.DirectLine;

/// <summary>The Direct Line store contract on a real SQLite file.</summary>
public sealed class SqliteDirectLineStoreTests : DirectLineStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "briefingbot-bot-tests", Guid.NewGuid().ToString("N"));

    protected override Task<IDirectLineStore> OpenStoreAsync() =>
        Task.FromResult<IDirectLineStore>(new SqliteDirectLineStore(Path.Combine(_folder, "directline.db")));

    [Fact]
    public async Task AtItsSizeCap_WritesThrowStoreFull_NothingHalfWritten_ReadsGoOn()
    {
        var store = new SqliteDirectLineStore(Path.Combine(_folder, "capped.db"), maxBytes: 96 * 1024);
        await store.CreateConversationAsync(new StoredConversation("c1", null, "site", Start, Start), Ct);
        await store.CheckWritableAsync(Ct);

        var appended = 0;
        StoreFullException? full = null;
        for (var i = 0; i < 200 && full is null; i++)
        {
            try
            {
                await store.AppendAsync("c1", false, Start, sequence => $"{{\"n\":{sequence},\"pad\":\"{new string('x', 2000)}\"}}", Ct);
                appended++;
            }
            catch (StoreFullException e)
            {
                full = e;
            }
        }

        Assert.NotNull(full);
        Assert.Contains("DirectLine:MaxStoreMegabytes", full.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", full.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StoreFullException>(() => store.CheckWritableAsync(Ct));
        await Assert.ThrowsAsync<StoreFullException>(() => store.SaveUploadAsync(new StoredUpload("u1", "c1", "a.bin", "application/octet-stream", new byte[32 * 1024]), Ct));
        var stored = await store.ReadAfterAsync("c1", 0, null, 1000, Ct);
        Assert.Equal(appended, stored.Count);
        Assert.Equal(Enumerable.Range(1, appended).Select(n => (long)n), stored.Select(a => a.Sequence));
    }

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
