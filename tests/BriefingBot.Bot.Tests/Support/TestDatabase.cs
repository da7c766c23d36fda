using Npgsql;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>
/// A fresh database on the PostgreSQL server that scripts/test.sh starts (<c>BRIEFINGBOT_TEST_POSTGRES</c>), dropped
/// when disposed; creating one skips the test without a server.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "BRIEFINGBOT_TEST_POSTGRES";

    private static readonly string? Server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        Assert.SkipWhen(Server is null, $"No PostgreSQL server: {Variable} is not set (scripts/test.sh starts one with scripts/postgres-test-server.sh start).");
        var name = "bot_" + Guid.NewGuid().ToString("N");
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new TestDatabase(name, new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString());
    }

    /// <summary>A data source of its own, as another process would have.</summary>
    public NpgsqlDataSource NewDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
