using BriefingBot.Memory;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Storage.Postgres;

namespace BriefingBot.Bot;

/// <summary>Where the bot keeps its own state: beside the memory in its PostgreSQL database, or (default) in SQLite files.</summary>
internal static class SharedDatabase
{
    /// <summary>The memory's PostgreSQL store when <c>Memory:Store</c> is Postgres; null otherwise, without opening the memory.</summary>
    public static PostgresMemoryStore? Of(IServiceProvider services) =>
        string.Equals(services.GetRequiredService<MemoryOptions>().Store, MemoryStoreFactory.Postgres, StringComparison.OrdinalIgnoreCase)
            ? services.GetRequiredService<BriefingMemory>().Store as PostgresMemoryStore
            : null;
}
