using Microsoft.Data.Sqlite;

namespace BriefingBot.Memory.Storage.Sqlite;

/// <summary>
/// Connections to a memory file that <see cref="SqliteMemoryStore.InitializeAsync"/> has already created, for the
/// tables kept beside the memory (conversations, jobs): pooled read-write connections, commands with parameters, and
/// SQLite errors turned into <see cref="MemoryStoreException"/>s that say what could not be done.
/// </summary>
internal sealed class SqliteFile(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = System.IO.Path.GetFullPath(path),
        Mode = SqliteOpenMode.ReadWrite,
        Cache = SqliteCacheMode.Private,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task<T> GuardAsync<T>(string action, Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_FULL)
        {
            throw new StoreFullException($"Cannot {action}: the memory file is full (the disk, or Memory:MaxStoreMegabytes). Nothing was changed.", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_READONLY)
        {
            throw new MemoryStoreException($"Cannot {action}: the memory file is read-only. Nothing was changed.", e);
        }
        catch (SqliteException e)
        {
            throw new MemoryStoreException($"Cannot {action}: {e.Message}", e);
        }
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
