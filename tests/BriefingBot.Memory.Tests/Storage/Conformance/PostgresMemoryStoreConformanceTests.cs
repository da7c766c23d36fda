using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.Tests.Support;
using Npgsql;

namespace BriefingBot.Memory.Tests.Storage.Conformance;

/// <summary>
/// The conformance suite on a real PostgreSQL server with pgvector (started by scripts/test.sh), each test in a
/// database of its own. Interruption drops the writer's connection with <c>pg_terminate_backend</c> mid-COPY.
/// </summary>
public sealed class PostgresMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    private readonly string _database = "conformance_" + Guid.NewGuid().ToString("N");
    private string? _connectionString;

    protected override bool InterruptionIsCertain => true;

    protected override async Task CreateLocationAsync()
    {
        Assert.SkipWhen(TestPostgres.ConnectionString is null, TestPostgres.SkipReason);
        await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
        await admin.OpenAsync(Ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
        await create.ExecuteNonQueryAsync(Ct);
        _connectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = _database }.ToString();
    }

    protected override IMemoryStore OpenStore() => new PostgresMemoryStore(_connectionString!);

    protected override async Task DeleteLocationAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    protected override async Task<bool> InterruptSaveAsync(Task save, CancellationTokenSource saveCancellation)
    {
        await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
        await admin.OpenAsync(Ct);
        await using var terminate = new NpgsqlCommand(
            """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = @database AND state = 'active' AND query LIKE 'COPY chunks%'
            """, admin);
        terminate.Parameters.AddWithValue("database", _database);
        while (!save.IsCompleted)
        {
            if (Convert.ToInt64(await terminate.ExecuteScalarAsync(Ct)) > 0)
            {
                return true;
            }

            await Task.Delay(5, Ct);
        }

        return false;
    }
}
