using Npgsql;
using Pgvector.Npgsql;

namespace BriefingBot.Memory.Storage.Postgres;

/// <summary>
/// The PostgreSQL database every store of this backend keeps its tables in: its pooled connections, the schema brought
/// up to date once (<see cref="PostgresSchema"/>) before the first use, and PostgreSQL errors turned into
/// <see cref="MemoryStoreException"/>s (or <see cref="StoreFullException"/>) that say what could not be done and where.
/// </summary>
public sealed class PostgresDatabase
{
    private readonly Once _migration;

    public PostgresDatabase(NpgsqlDataSource dataSource)
    {
        DataSource = dataSource;
        var server = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Server = $"{server.Host}:{server.Port}/{server.Database}";
        _migration = new Once(cancellationToken => GuardAsync("open the database", async () =>
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (await PostgresSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                await connection.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
            }
        }));
    }

    /// <summary>Pooled connections to the database, with pgvector's types.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>host:port/database, for messages.</summary>
    public string Server { get; }

    /// <summary>A data source for the connection string, with pgvector's types; throws <see cref="MemoryStoreException"/> when it cannot be parsed.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        try
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.UseVector();
            return builder.Build();
        }
        catch (ArgumentException e)
        {
            throw new MemoryStoreException($"The PostgreSQL connection string is not valid: {e.Message}", e);
        }
    }

    /// <summary>Applies the missing schema steps (once per process and database, under the schema's advisory lock).</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) => _migration.RunAsync(cancellationToken);

    /// <summary>Runs <paramref name="work"/> after the schema is up to date, turning PostgreSQL's errors into the store's.</summary>
    public async Task<T> RunAsync<T>(string action, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await GuardAsync(action, work).ConfigureAwait(false);
    }

    public Task GuardAsync(string action, Func<Task> work) => GuardAsync(action, async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    });

    public async Task<T> GuardAsync<T>(string action, Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            throw e.SqlState switch
            {
                PostgresErrorCodes.DiskFull => new StoreFullException(
                    $"Cannot {action}: the PostgreSQL server at {Server} is out of disk space ({e.MessageText}). Nothing was changed.", e),
                PostgresErrorCodes.OutOfMemory => new MemoryStoreException(
                    $"Cannot {action}: the PostgreSQL server at {Server} is out of space ({e.MessageText}). Nothing was changed.", e),
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => new MemoryStoreException(
                    $"Cannot {action}: the PostgreSQL server at {Server} refused the credentials in ConnectionStrings:Postgres.", e),
                PostgresErrorCodes.InvalidCatalogName => new MemoryStoreException(
                    $"Cannot {action}: the database in ConnectionStrings:Postgres does not exist on {Server}.", e),
                PostgresErrorCodes.UndefinedFile or PostgresErrorCodes.FeatureNotSupported when e.MessageText.Contains("vector", StringComparison.OrdinalIgnoreCase) =>
                    new MemoryStoreException($"Cannot {action}: the pgvector extension is not available on {Server}.", e),
                PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow => new MemoryStoreException(
                    $"Cannot {action}: the connection to the PostgreSQL server at {Server} was closed ({e.MessageText}). Nothing was changed.", e),
                _ => new MemoryStoreException($"Cannot {action} in PostgreSQL at {Server}: {e.MessageText}", e),
            };
        }
        catch (NpgsqlException e)
        {
            throw new MemoryStoreException(
                $"Cannot {action}: the PostgreSQL server at {Server} cannot be reached or dropped the connection ({e.Message}). Nothing was changed.", e);
        }
        catch (InvalidOperationException e) when (e.InnerException is NpgsqlException)
        {
            throw new MemoryStoreException($"Cannot {action}: the connection to the PostgreSQL server at {Server} broke ({e.Message}). Nothing was changed.", e);
        }
    }
}
