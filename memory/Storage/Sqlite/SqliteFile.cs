using Microsoft.Data.Sqlite;

namespace BriefingBot.Memory.Storage.Sqlite;

/// <summary>
/// One SQLite file of this backend (the memory file, or the Direct Line file): pooled connections, its schema brought
/// up to date (<see cref="SqliteSchema"/>) before the first connection is handed out, an optional size cap
/// (<c>PRAGMA max_page_count</c>), commands with parameters, and SQLite errors turned into
/// <see cref="MemoryStoreException"/>s (or <see cref="StoreFullException"/>) that say what could not be done.
/// </summary>
internal sealed class SqliteFile
{
    private readonly string _connectionString;
    private readonly SqliteSchema _schema;
    private readonly long _maxBytes;
    private readonly string _capSetting;
    private readonly Once _migration;

    /// <param name="path">The file; created with its folder when missing.</param>
    /// <param name="schema">The file's schema steps.</param>
    /// <param name="maxBytes">The largest the file may grow; 0: as large as the disk allows.</param>
    /// <param name="capSetting">The setting that sets <paramref name="maxBytes"/>, named when the file is full.</param>
    public SqliteFile(string path, SqliteSchema schema, long maxBytes = 0, string capSetting = "Memory:MaxStoreMegabytes")
    {
        Path = System.IO.Path.GetFullPath(path);
        _schema = schema;
        _maxBytes = maxBytes;
        _capSetting = capSetting;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
            Pooling = true,
            ForeignKeys = true,
        }.ToString();
        _migration = new Once(cancellationToken => GuardAsync("open the file", async () =>
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            _schema.Migrate(connection);
            return true;
        }));
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (_maxBytes > 0)
            {
                await using var pageSize = Command(connection, null, "PRAGMA page_size");
                var pages = _maxBytes / Convert.ToInt64(await pageSize.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
                await using var cap = Command(connection, null, $"PRAGMA max_page_count = {Math.Max(pages, 1)}");
                await cap.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Applies the file's missing schema steps, once per process.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) => _migration.RunAsync(cancellationToken);

    public async Task<T> GuardAsync<T>(string action, Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_FULL)
        {
            var cap = _maxBytes > 0 ? $", or {_capSetting} = {_maxBytes / 1048576.0:0.##}" : $", or {_capSetting}";
            throw new StoreFullException($"Cannot {action}: {Path} is full (the disk{cap}). Nothing was changed.", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_READONLY)
        {
            throw new MemoryStoreException($"Cannot {action}: {Path} is read-only. Nothing was changed.", e);
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
