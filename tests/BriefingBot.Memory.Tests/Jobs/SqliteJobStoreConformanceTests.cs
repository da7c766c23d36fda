using BriefingBot.Memory.Jobs;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Tests.Jobs;

/// <summary>The job store suite on a real SQLite memory file in a fresh temporary folder.</summary>
public sealed class SqliteJobStoreConformanceTests : JobStoreConformanceTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "briefingbot-tests", Guid.NewGuid().ToString("N"));

    private string StorePath => Path.Combine(_folder, "memory.db");

    protected override async Task<IJobStore> CreateStoreAsync()
    {
        Directory.CreateDirectory(_folder);
        using var memory = new SqliteMemoryStore(StorePath);
        await memory.InitializeAsync("job-tests", 4, Ct);
        return OpenAnother();
    }

    protected override IJobStore OpenAnother() => new SqliteJobStore(StorePath, Time);

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere in the run; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
