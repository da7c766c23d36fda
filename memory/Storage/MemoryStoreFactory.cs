using BriefingBot.Memory.Storage.Sqlite;
using BriefingBot.Memory.Storage.Postgres;

namespace BriefingBot.Memory.Storage;

/// <summary>Creates the store chosen by <see cref="MemoryOptions.Store"/>: the SQLite file (default) or PostgreSQL.</summary>
public static class MemoryStoreFactory
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static IMemoryStore Create(MemoryOptions options)
    {
        if (string.Equals(options.Store, Sqlite, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(options.Store))
        {
            return new SqliteMemoryStore(options.StorePath, options.LockTimeoutSeconds, options.MaxStoreBytes);
        }

        if (string.Equals(options.Store, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                throw new MemoryStoreException(
                    "Memory:Store is 'Postgres' but no connection string is configured: set ConnectionStrings:Postgres " +
                    "(e.g. \"Host=db;Database=briefingbot;Username=bot;Password=...\").");
            }

            return new PostgresMemoryStore(options.PostgresConnectionString, options.PostgresEfSearch);
        }

        throw new MemoryStoreException($"Memory:Store '{options.Store}' is not known: use '{Sqlite}' (default) or '{Postgres}'.");
    }
}
