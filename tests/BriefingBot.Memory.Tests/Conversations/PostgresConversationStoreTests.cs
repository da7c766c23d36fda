using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.Tests.Support;
using Npgsql;

namespace BriefingBot.Memory.Tests.Conversations;

/// <summary>The conversation store contract on a real PostgreSQL server (started by scripts/test.sh), a database per test.</summary>
public sealed class PostgresConversationStoreTests : ConversationStoreContract
{
    private readonly string _database = "conversations_" + Guid.NewGuid().ToString("N");
    private string? _connectionString;

    protected override async Task CreateLocationAsync()
    {
        Assert.SkipWhen(TestPostgres.ConnectionString is null, TestPostgres.SkipReason);
        await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
        await admin.OpenAsync(Ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
        await create.ExecuteNonQueryAsync(Ct);
        _connectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = _database }.ToString();
    }

    protected override IMemoryStore OpenMemory() => new PostgresMemoryStore(_connectionString!);

    protected override IConversationStore ConversationsOf(IMemoryStore memory) =>
        new PostgresConversationStore(((PostgresMemoryStore)memory).DataSource);

    protected override async Task DeleteLocationAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
