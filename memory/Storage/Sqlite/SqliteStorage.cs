using BriefingBot.Memory.Conversations;
using BriefingBot.Memory.DirectLine;
using BriefingBot.Memory.Feedback;
using BriefingBot.Memory.Jobs;

namespace BriefingBot.Memory.Storage.Sqlite;

/// <summary>
/// The SQLite backend: the memory file (<see cref="MemoryOptions.StorePath"/>) holds the memory, jobs, conversations
/// and feedback (<see cref="SqliteSchema.MemoryFile"/>); Direct Line has a file of its own (<see cref="SqliteSchema.DirectLineFile"/>).
/// </summary>
internal sealed class SqliteStorage(MemoryOptions options) : StorageBackend
{
    private readonly string _path = options.StorePath;

    public override string Location => _path;

    public override IMemoryStore CreateMemoryStore() => new SqliteMemoryStore(_path, options.LockTimeoutSeconds, options.MaxStoreBytes);

    public override IJobStore CreateJobStore(TimeProvider time) => new SqliteJobStore(_path, time);

    public override IConversationStore CreateConversationStore() => new SqliteConversationStore(_path);

    public override IFeedbackStore CreateFeedbackStore() => new SqliteFeedbackStore(_path);

    public override IDirectLineStore CreateDirectLineStore(string sqliteFile, long maxBytes) => new SqliteDirectLineStore(sqliteFile, maxBytes);

    public override void ThrowIfDiskFull() => StoreFullException.ThrowIfDiskFull(_path, "The memory " + _path);
}
