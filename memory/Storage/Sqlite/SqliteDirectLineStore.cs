using System.Security.Cryptography;
using BriefingBot.Memory.DirectLine;

namespace BriefingBot.Memory.Storage.Sqlite;

/// <summary>
/// Direct Line conversations, their activities and uploads in a SQLite file of their own beside the memory
/// (<c>directline.db</c>, schema <see cref="SqliteSchema.DirectLineFile"/>), so conversations survive a restart and the memory's file is untouched. A write that finds
/// no room (the disk, or <see cref="DirectLineOptions.MaxStoreMegabytes"/>) throws <see cref="StoreFullException"/>.
/// </summary>
public sealed class SqliteDirectLineStore : IDirectLineStore
{
    private readonly SqliteFile _file;

    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest the file may grow (<c>PRAGMA max_page_count</c>); 0: as large as the disk allows.</param>
    public SqliteDirectLineStore(string path, long maxBytes = 0) =>
        _file = new SqliteFile(path, SqliteSchema.DirectLineFile, maxBytes, "DirectLine:MaxStoreMegabytes");

    public string Path => _file.Path;

    public string Location => Path;

    public Task<byte[]> SigningKeyAsync(CancellationToken cancellationToken) => GuardAsync("read the signing key", async () =>
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO dl_settings(name, value) VALUES ('signing_key', $key); SELECT value FROM dl_settings WHERE name = 'signing_key';";
        command.Parameters.AddWithValue("$key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return Convert.FromBase64String((string)(await command.ExecuteScalarAsync(cancellationToken))!);
    });

    public Task<bool> CreateConversationAsync(StoredConversation conversation, CancellationToken cancellationToken) =>
        GuardAsync("start a conversation", async () =>
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO dl_conversations(id, user_id, site, created, last_active) VALUES ($id, $user, $site, $created, $created)
            """;
        command.Parameters.AddWithValue("$id", conversation.Id);
        command.Parameters.AddWithValue("$user", (object?)conversation.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue("$site", conversation.Site);
        command.Parameters.AddWithValue("$created", conversation.Created.ToString("O"));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    });

    public async Task<StoredConversation?> FindConversationAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_id, site, created, last_active FROM dl_conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredConversation(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    public Task<StoredActivity> AppendAsync(
        string conversationId, bool transient, DateTimeOffset now, Func<long, string> serialize, CancellationToken cancellationToken) =>
        GuardAsync("store an activity", async () =>
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var next = connection.CreateCommand();
        next.Transaction = transaction;
        next.CommandText = "UPDATE dl_conversations SET last_active = $now, last_seq = last_seq + 1 WHERE id = $id RETURNING last_seq";
        next.Parameters.AddWithValue("$id", conversationId);
        next.Parameters.AddWithValue("$now", now.ToString("O"));
        var sequence = await next.ExecuteScalarAsync(cancellationToken) is { } value
            ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The Direct Line conversation '{conversationId}' does not exist.");
        var activity = new StoredActivity(sequence, serialize(sequence), transient);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO dl_activities(conversation_id, seq, transient, created, json) VALUES ($id, $seq, $transient, $now, $json)";
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$seq", sequence);
        command.Parameters.AddWithValue("$transient", transient ? 1 : 0);
        command.Parameters.AddWithValue("$now", now.ToString("O"));
        command.Parameters.AddWithValue("$json", activity.Json);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return activity;
    });

    public async Task<IReadOnlyList<StoredActivity>> ReadAfterAsync(
        string conversationId, long afterSequence, DateTimeOffset? transientSince, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, json, transient FROM dl_activities
            WHERE conversation_id = $id AND seq > $after AND (transient = 0 OR created >= $since)
            ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$since", transientSince?.ToString("O") ?? "9999");
        command.Parameters.AddWithValue("$limit", limit);
        var activities = new List<StoredActivity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            activities.Add(new StoredActivity(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2) == 1));
        }

        return activities;
    }

    public Task SaveUploadAsync(StoredUpload upload, CancellationToken cancellationToken) => GuardAsync("store an upload", async () =>
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO dl_uploads(id, conversation_id, name, content_type, content) VALUES ($id, $conversation, $name, $type, $content)";
        command.Parameters.AddWithValue("$id", upload.Id);
        command.Parameters.AddWithValue("$conversation", upload.ConversationId);
        command.Parameters.AddWithValue("$name", upload.Name);
        command.Parameters.AddWithValue("$type", upload.ContentType);
        command.Parameters.AddWithValue("$content", upload.Content);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    });

    public async Task<StoredUpload?> FindUploadAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, conversation_id, name, content_type, content FROM dl_uploads WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredUpload(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), (byte[])reader.GetValue(4))
            : null;
    }

    public async Task<IReadOnlyList<string>> DeleteIdleAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM dl_conversations WHERE last_active < $cutoff RETURNING id";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToString("O"));
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
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM dl_activities WHERE transient = 1 AND created < $cutoff";
        command.Parameters.AddWithValue("$cutoff", cutoff.ToString("O"));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Writes a probe row the size of a small upload and rolls it back: the size cap refuses the pages at once; a full
    /// disk is seen from its free space, since a rolled-back write never reaches the disk.
    /// </summary>
    public Task CheckWritableAsync(CancellationToken cancellationToken) => GuardAsync("write to the Direct Line store", async () =>
    {
        StoreFullException.ThrowIfDiskFull(Path, $"The Direct Line store {Path}");
        await using var connection = await _file.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO dl_settings(name, value) VALUES ('write_probe', hex(randomblob($bytes / 2)))";
        command.Parameters.AddWithValue("$bytes", ProbeBytes);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
        return true;
    });

    /// <summary>Only this process writes the file, and it wakes its own streams.</summary>
    public Task WatchAsync(Action<string?> changed, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The size of the write <see cref="CheckWritableAsync"/> tries.</summary>
    public const int ProbeBytes = 16 * 1024;

    private Task<T> GuardAsync<T>(string action, Func<Task<T>> work) => _file.GuardAsync(action, work);
}
