using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.DirectLine;
using BriefingBot.Memory.Feedback;
using BriefingBot.Memory.Jobs;
using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Memory.Storage;

/// <summary>
/// The storage backend chosen by <see cref="MemoryOptions.Store"/>, and the only place that chooses: it builds all five
/// store families (memory, jobs, conversations, feedback, Direct Line) over its database, so nothing outside the
/// backend folders (<c>Storage/Sqlite</c>, <c>Storage/Postgres</c>) names a concrete store. Building one does no I/O;
/// each backend's schema is brought up to date by its stores on first use.
/// </summary>
public abstract class StorageBackend : IDisposable
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>Where the memory is, for the log and for messages.</summary>
    public abstract string Location { get; }

    /// <summary>The backend <see cref="MemoryOptions.Store"/> names: the SQLite file (default) or PostgreSQL.</summary>
    public static StorageBackend For(MemoryOptions options)
    {
        if (string.Equals(options.Store, Sqlite, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(options.Store))
        {
            return new SqliteStorage(options);
        }

        if (string.Equals(options.Store, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                throw new MemoryStoreException(
                    "Memory:Store is 'Postgres' but no connection string is configured: set ConnectionStrings:Postgres " +
                    "(e.g. \"Host=db;Database=briefingbot;Username=bot;Password=...\").");
            }

            return new PostgresStorage(options.PostgresConnectionString, options.PostgresEfSearch);
        }

        throw new MemoryStoreException($"Memory:Store '{options.Store}' is not known: use '{Sqlite}' (default) or '{Postgres}'.");
    }

    /// <summary>The memory store; disposing it leaves this backend's database open for the other stores.</summary>
    public abstract IMemoryStore CreateMemoryStore();

    public abstract IJobStore CreateJobStore(TimeProvider time);

    public abstract IConversationStore CreateConversationStore();

    public abstract IFeedbackStore CreateFeedbackStore();

    /// <summary>The Direct Line store; <paramref name="sqliteFile"/> and <paramref name="maxBytes"/> (0: no cap) apply to the SQLite backend's file of its own.</summary>
    public abstract IDirectLineStore CreateDirectLineStore(string sqliteFile, long maxBytes);

    /// <summary>Throws <see cref="StoreFullException"/> when the memory's own disk has no room (nothing to check for a server).</summary>
    public abstract void ThrowIfDiskFull();

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>Registers the storage backend and the stores of every family but Direct Line's (which the host registers with its own settings).</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddBriefingStorage(this IServiceCollection services, MemoryOptions options)
    {
        services.AddSingleton(_ => StorageBackend.For(options));
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().CreateJobStore(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().CreateConversationStore());
        services.AddSingleton(sp => sp.GetRequiredService<StorageBackend>().CreateFeedbackStore());
        return services;
    }
}
