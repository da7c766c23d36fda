using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.DirectLine;
using BriefingBot.Memory.Feedback;
using BriefingBot.Memory.Jobs;

namespace BriefingBot.Memory.Storage.Postgres;

/// <summary>
/// The PostgreSQL backend: every store's tables in one database (<see cref="PostgresSchema"/>), over one pool of
/// connections that this backend owns, so every bot instance sharing the database shares all of its state.
/// </summary>
internal sealed class PostgresStorage(string connectionString, int efSearch) : StorageBackend
{
    private readonly PostgresDatabase _database = new(PostgresDatabase.CreateDataSource(connectionString));

    public override string Location => "PostgreSQL " + _database.Server;

    public override IMemoryStore CreateMemoryStore() => new PostgresMemoryStore(_database, efSearch, ownsDataSource: false);

    public override IJobStore CreateJobStore(TimeProvider time) => new PostgresJobStore(_database.DataSource, time);

    public override IConversationStore CreateConversationStore() => new PostgresConversationStore(_database.DataSource);

    public override IFeedbackStore CreateFeedbackStore() => new PostgresFeedbackStore(_database.DataSource);

    public override IDirectLineStore CreateDirectLineStore(string sqliteFile, long maxBytes) => new PostgresDirectLineStore(_database.DataSource);

    public override void ThrowIfDiskFull()
    {
    }

    public override void Dispose()
    {
        _database.DataSource.Dispose();
        base.Dispose();
    }
}
