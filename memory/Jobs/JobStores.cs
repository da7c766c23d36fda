using BriefingBot.Memory.Storage.Sqlite;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Jobs;

/// <summary>The job store that lives beside a memory store: the jobs table in the SQLite file or the PostgreSQL database, or the store itself when it keeps jobs.</summary>
public static class JobStores
{
    public static IJobStore For(IMemoryStore store, TimeProvider? time = null) => store switch
    {
        SqliteMemoryStore sqlite => new SqliteJobStore(sqlite.Path, time),
        Storage.Postgres.PostgresMemoryStore postgres => new Storage.Postgres.PostgresJobStore(postgres.DataSource, time),
        IJobStore jobs => jobs,
        _ => throw new NotSupportedException($"{store.GetType().Name} does not keep background jobs."),
    };
}
