using System.Security.Cryptography;
using BriefingBot.Memory.DirectLine;
using BriefingBot.Memory.Storage.Sqlite;
using Npgsql;

namespace BriefingBot.Memory.Storage.Postgres;

/// <summary>
/// Direct Line conversations, their activities and uploads in the memory's PostgreSQL database (schema step 7), so every bot instance
/// sharing it serves every conversation: sequence numbers are taken under the conversation's row lock, and each
/// append is announced with <c>NOTIFY</c> on <see cref="Channel"/> so streams held by other instances wake at once.
/// A write the server has no disk space for (<c>disk_full</c>) throws <see cref="StoreFullException"/>.
/// </summary>
public sealed class PostgresDirectLineStore : IDirectLineStore
{
    /// <summary>The notification channel; the payload is the conversation's id.</summary>
    public const string Channel = "briefingbot_directline";

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresDatabase _database;

    public PostgresDirectLineStore(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _database = new PostgresDatabase(dataSource);
        Location = $"PostgreSQL {_database.Server}";
    }

    public string Location { get; }

    public Task<byte[]> SigningKeyAsync(CancellationToken cancellationToken) => GuardAsync("read the signing key", async () =>
    {
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO dl_settings(name, value) VALUES ('signing_key', @key) ON CONFLICT (name) DO NOTHING;
            SELECT value FROM dl_settings WHERE name = 'signing_key';
            """);
        command.Parameters.AddWithValue("key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return Convert.FromBase64String((string)(await command.ExecuteScalarAsync(cancellationToken))!);
    });

    public Task<bool> CreateConversationAsync(StoredConversation conversation, CancellationToken cancellationToken) =>
        GuardAsync("start a conversation", async () =>
    {
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO dl_conversations(id, user_id, site, created, last_active) VALUES (@id, @user, @site, @created, @created)
            ON CONFLICT (id) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", conversation.Id);
        command.Parameters.AddWithValue("user", (object?)conversation.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("site", conversation.Site);
        command.Parameters.AddWithValue("created", conversation.Created.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    });

    public async Task<StoredConversation?> FindConversationAsync(string id, CancellationToken cancellationToken)
    {
        await _database.MigrateAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT id, user_id, site, created, last_active FROM dl_conversations WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredConversation(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }

    public Task<StoredActivity> AppendAsync(
        string conversationId, bool transient, DateTimeOffset now, Func<long, string> serialize, CancellationToken cancellationToken) =>
        GuardAsync("store an activity", async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long sequence;
        await using (var next = new NpgsqlCommand(
            "UPDATE dl_conversations SET last_active = @now, last_seq = last_seq + 1 WHERE id = @id RETURNING last_seq", connection, transaction))
        {
            next.Parameters.AddWithValue("id", conversationId);
            next.Parameters.AddWithValue("now", now.ToUniversalTime());
            sequence = await next.ExecuteScalarAsync(cancellationToken) is long value
                ? value
                : throw new InvalidOperationException($"The Direct Line conversation '{conversationId}' does not exist.");
        }

        var activity = new StoredActivity(sequence, serialize(sequence), transient);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO dl_activities(conversation_id, seq, transient, created, json) VALUES (@id, @seq, @transient, @now, @json);
            SELECT pg_notify(@channel, @id);
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", conversationId);
            insert.Parameters.AddWithValue("seq", sequence);
            insert.Parameters.AddWithValue("transient", transient);
            insert.Parameters.AddWithValue("now", now.ToUniversalTime());
            insert.Parameters.AddWithValue("json", activity.Json);
            insert.Parameters.AddWithValue("channel", Channel);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return activity;
    });

    public async Task<IReadOnlyList<StoredActivity>> ReadAfterAsync(
        string conversationId, long afterSequence, DateTimeOffset? transientSince, int limit, CancellationToken cancellationToken)
    {
        await _database.MigrateAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand(
            """
            SELECT seq, json, transient FROM dl_activities
            WHERE conversation_id = @id AND seq > @after AND (NOT transient OR created >= @since)
            ORDER BY seq LIMIT @limit
            """);
        command.Parameters.AddWithValue("id", conversationId);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("since", transientSince?.ToUniversalTime() ?? DateTimeOffset.MaxValue);
        command.Parameters.AddWithValue("limit", limit);
        var activities = new List<StoredActivity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            activities.Add(new StoredActivity(reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2)));
        }

        return activities;
    }

    public Task SaveUploadAsync(StoredUpload upload, CancellationToken cancellationToken) => GuardAsync("store an upload", async () =>
    {
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO dl_uploads(id, conversation_id, name, content_type, content) VALUES (@id, @conversation, @name, @type, @content)");
        command.Parameters.AddWithValue("id", upload.Id);
        command.Parameters.AddWithValue("conversation", upload.ConversationId);
        command.Parameters.AddWithValue("name", upload.Name);
        command.Parameters.AddWithValue("type", upload.ContentType);
        command.Parameters.AddWithValue("content", upload.Content);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    });

    public async Task<StoredUpload?> FindUploadAsync(string id, CancellationToken cancellationToken)
    {
        await _database.MigrateAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT id, conversation_id, name, content_type, content FROM dl_uploads WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredUpload(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<byte[]>(4))
            : null;
    }

    public async Task<IReadOnlyList<string>> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _database.MigrateAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("DELETE FROM dl_conversations WHERE last_active < @cutoff RETURNING id");
        command.Parameters.AddWithValue("cutoff", cutoff.ToUniversalTime());
        var deleted = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deleted.Add(reader.GetString(0));
        }

        return deleted;
    }

    public async Task<int> DeleteTransientAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _database.MigrateAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("DELETE FROM dl_activities WHERE transient AND created < @cutoff");
        command.Parameters.AddWithValue("cutoff", cutoff.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Writes a probe row of random text and rolls it back: a server without disk space refuses to extend the table.
    /// </summary>
    public Task CheckWritableAsync(CancellationToken cancellationToken) => GuardAsync("write to the Direct Line store", async () =>
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO dl_settings(name, value)
            SELECT 'write_probe', string_agg(md5(random()::text), '') FROM generate_series(1, @blocks)
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """, connection, transaction);
        command.Parameters.AddWithValue("blocks", SqliteDirectLineStore.ProbeBytes / 32);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
        return true;
    });

    /// <summary>
    /// Listens on <see cref="Channel"/> on a connection of its own; when the connection drops, reconnects after a
    /// second and reports null, since notifications sent meanwhile are lost.
    /// </summary>
    public async Task WatchAsync(Action<string?> changed, CancellationToken cancellationToken)
    {
        var reconnected = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) => changed(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                if (reconnected)
                {
                    changed(null);
                }

                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                reconnected = true;
                await Task.Delay(ReconnectDelay, cancellationToken);
            }
        }
    }

    private Task<T> GuardAsync<T>(string action, Func<Task<T>> work) => _database.RunAsync(action, work, CancellationToken.None);
}
