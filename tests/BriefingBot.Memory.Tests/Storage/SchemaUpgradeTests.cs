using BriefingBot.Memory.DirectLine;
using BriefingBot.Memory.Feedback;
using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.Storage.Sqlite;
using BriefingBot.Memory.Tests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BriefingBot.Memory.Tests.Storage;

/// <summary>
/// Files and databases written before the feedback and Direct Line tables joined the schema steps (the bot created
/// <c>bot_*</c> and <c>dl_*</c> itself with <c>CREATE TABLE IF NOT EXISTS</c>, beside schema 5, and the Direct Line
/// file had no schema version) are upgraded in place: the rows they hold are kept and read by the new stores, and the
/// schema version moves to the newest step.
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

    /// <summary>What the Direct Line store wrote into a new file before its tables had schema steps.</summary>
    private const string DirectLineFileBeforeSteps = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS dl_settings(name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dl_conversations(
            id TEXT PRIMARY KEY, user_id TEXT, site TEXT NOT NULL, created TEXT NOT NULL, last_active TEXT NOT NULL,
            last_seq INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dl_activities(
            conversation_id TEXT NOT NULL REFERENCES dl_conversations(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
            transient INTEGER NOT NULL, created TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (conversation_id, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dl_uploads(
            id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES dl_conversations(id) ON DELETE CASCADE,
            name TEXT NOT NULL, content_type TEXT NOT NULL, content BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS dl_uploads_by_conversation ON dl_uploads(conversation_id);
        CREATE INDEX IF NOT EXISTS dl_conversations_by_activity ON dl_conversations(last_active);
        """;

    [Fact]
    public async Task SqliteDirectLineFileWithoutSchemaVersion_UpgradedKeepingItsConversationsAndKey()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "directline.db");
        await using (var old = new SqliteConnection($"Data Source={path}"))
        {
            await old.OpenAsync(Ct);
            await ExecuteAsync(old, DirectLineFileBeforeSteps);
            await ExecuteAsync(old, """
                INSERT INTO dl_settings(name, value) VALUES ('signing_key', 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
                INSERT INTO dl_conversations(id, user_id, site, created, last_active, last_seq)
                VALUES ('c-old', 'u', 'web', '2026-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00', 1);
                INSERT INTO dl_activities(conversation_id, seq, transient, created, json)
                VALUES ('c-old', 1, 0, '2026-01-01T00:00:00.0000000+00:00', '{"type":"message"}');
                """);
        }

        SqliteConnection.ClearAllPools();
        var store = new SqliteDirectLineStore(path);

        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), await store.SigningKeyAsync(Ct));
        Assert.Equal("u", (await store.FindConversationAsync("c-old", Ct))?.UserId);
        var next = await store.AppendAsync("c-old", transient: false, DateTimeOffset.UtcNow, seq => $"{{\"seq\":{seq}}}", Ct);
        Assert.Equal(2, next.Sequence);
        await using var check = new SqliteConnection($"Data Source={path}");
        await check.OpenAsync(Ct);
        Assert.Equal(SqliteSchema.DirectLineFile.Version, Convert.ToInt32(await ScalarAsync(check, "PRAGMA user_version")));
    }

    [Fact]
    public async Task PostgresDatabaseAtSchema5WithTheBotsOwnTables_UpgradedKeepingTheirRows()
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
                await ExecuteAsync(old, "INSERT INTO dl_conversations(id, user_id, site, created, last_active) VALUES ('c-old', 'u', 'web', now(), now())");
                await ExecuteAsync(old, """
                    INSERT INTO bot_answers(conversation_key, message_id, question, answer, citations, mode, sent)
                    VALUES ('msteams:c1', 'm-old', 'What was agreed?', 'A levy. [1]', '[]', 'extractive', now())
                    """);
            }

            await using var source = NpgsqlDataSource.Create(connectionString);
            var matched = await new PostgresFeedbackStore(source).RecordFeedbackAsync(Feedback("m-old"), Ct);

            Assert.True(matched);
            Assert.Equal("u", (await new PostgresDirectLineStore(source).FindConversationAsync("c-old", Ct))?.UserId);
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
