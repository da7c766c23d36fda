using BriefingBot.Memory.Storage.Sqlite;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Storage.Postgres;

namespace BriefingBot.Memory.Tests.Storage;

public sealed class StorageBackendTests
{
    [Fact]
    public void Create_ByDefault_OpensTheSqliteFile()
    {
        using var backend = StorageBackend.For(new MemoryOptions { DataFolder = Path.GetTempPath() });
        using var store = backend.CreateMemoryStore();

        Assert.IsType<SqliteMemoryStore>(store);
    }

    [Fact]
    public void Create_PostgresWithConnectionString_OpensPostgres()
    {
        using var backend = StorageBackend.For(new MemoryOptions { Store = "postgres", PostgresConnectionString = "Host=127.0.0.1;Database=memory" });
        using var store = backend.CreateMemoryStore();

        Assert.IsType<PostgresMemoryStore>(store);
    }

    [Fact]
    public void Create_PostgresWithoutConnectionString_NamesTheSetting()
    {
        var error = Assert.Throws<MemoryStoreException>(() => StorageBackend.For(new MemoryOptions { Store = "Postgres" }));

        Assert.Contains("ConnectionStrings:Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownStore_ListsTheKnownOnes()
    {
        var error = Assert.Throws<MemoryStoreException>(() => StorageBackend.For(new MemoryOptions { Store = "Oracle" }));

        Assert.Contains("'Oracle'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MalformedConnectionString_FailsClearly()
    {
        var error = Assert.Throws<MemoryStoreException>(() =>
            StorageBackend.For(new MemoryOptions { Store = "Postgres", PostgresConnectionString = "Hots=nowhere;;=" }));

        Assert.Contains("connection string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_PostgresServerUnreachable_FailsWithTheServerNamed()
    {
        using var store = new PostgresMemoryStore("Host=127.0.0.1;Port=1;Database=memory;Username=bot;Timeout=3");

        var error = await Assert.ThrowsAsync<MemoryStoreException>(() =>
            store.InitializeAsync("model", 8, TestContext.Current.CancellationToken));

        Assert.Contains("127.0.0.1:1/memory", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
    }
}
