using BriefingBot.Memory.Feedback;
using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.Storage.Sqlite;
using BriefingBot.Memory.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BriefingBot.Memory.Tests.Storage;

/// <summary>
/// Files and databases written before the feedback tables joined the schema steps (the bot created <c>bot_*</c>
/// itself with <c>CREATE TABLE IF NOT EXISTS</c>, beside schema 5) are upgraded in place: the rows they hold are kept
/// and read by the new stores, and the schema version moves to the newest step.
/// </summary>
public sealed class SchemaUpgradeTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "briefingbot-upgrade-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task SqliteMemoryFileAtSchema5WithTheBotsOwnFeedbackTables_UpgradedKeepingTheirRows()
    {
        var path = Path.Combine(_folder, "memory.db");
        using (var store = new SqliteMemoryStore(path))
        {
            await store.InitializeAsync("model", 4, Ct);
        }

        await using (var old = new SqliteConnection($"Data Source={path}"))
        {
            await old.OpenAsync(Ct);
            await ExecuteAsync(old, "PRAGMA user_version = 5");
            await ExecuteAsync(old, """
                INSERT INTO bot_answers(conversation_key, message_id, question, answer, citations, mode, sent)
                VALUES ('msteams:c1', 'm-old', 'What was agreed?', 'A levy. [1]', '[]', 'extractive', '2026-01-01T00:00:00.0000000+00:00')
                """);
        }

        SqliteConnection.ClearAllPools();
        var matched = await new SqliteFeedbackStore(path).RecordFeedbackAsync(Feedback("m-old"), Ct);

        Assert.True(matched);
        await using var check = new SqliteConnection($"Data Source={path}");
        await check.OpenAsync(Ct);
        Assert.Equal(SqliteSchema.MemoryFile.Version, Convert.ToInt32(await ScalarAsync(check, "PRAGMA user_version")));
        Assert.Equal("What was agreed?", await ScalarAsync(check, "SELECT question FROM bot_feedback WHERE message_id = 'm-old'"));
    }

    [Fact]
    public async Task PostgresDatabaseAtSchema5WithTheBotsOwnFeedbackTables_UpgradedKeepingTheirRows()
    {
        Assert.SkipWhen(TestPostgres.ConnectionString is null, TestPostgres.SkipReason);
        var name = "upgrade_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(TestPostgres.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        }

        var connectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = name }.ToString();
        try
        {
            using (var store = new PostgresMemoryStore(connectionString))
            {
                await store.InitializeAsync("model", 4, Ct);
            }

            await using (var old = new NpgsqlConnection(connectionString))
            {
                await old.OpenAsync(Ct);
                await ExecuteAsync(old, "DELETE FROM schema_version WHERE version > 5");
                await ExecuteAsync(old, """
                    INSERT INTO bot_answers(conversation_key, message_id, question, answer, citations, mode, sent)
                    VALUES ('msteams:c1', 'm-old', 'What was agreed?', 'A levy. [1]', '[]', 'extractive', now())
                    """);
            }

            await using var source = NpgsqlDataSource.Create(connectionString);
            var matched = await new PostgresFeedbackStore(source).RecordFeedbackAsync(Feedback("m-old"), Ct);

            Assert.True(matched);
            await using var check = await source.OpenConnectionAsync(Ct);
            Assert.Equal(PostgresSchema.Version, await ScalarAsync(check, "SELECT max(version) FROM schema_version"));
            Assert.Equal("What was agreed?", await ScalarAsync(check, "SELECT question FROM bot_feedback WHERE message_id = 'm-old'"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
            await admin.OpenAsync(CancellationToken.None);
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static FeedbackRecord Feedback(string id) => new("msteams:c1", id, "29:u", "like", null, DateTimeOffset.UtcNow);

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
