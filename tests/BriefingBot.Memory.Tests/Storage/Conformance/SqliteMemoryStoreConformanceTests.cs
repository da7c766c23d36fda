using BriefingBot.Memory.Storage.Sqlite;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Tests.Storage.Conformance;

/// <summary>The conformance suite on a real SQLite file in a fresh temporary folder.</summary>
public sealed class SqliteMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "briefingbot-tests", Guid.NewGuid().ToString("N"));

    protected override Task CreateLocationAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    protected override IMemoryStore OpenStore() => new SqliteMemoryStore(Path.Combine(_folder, "memory.db"));

    protected override Task DeleteLocationAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere in the run; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    protected override async Task<bool> InterruptSaveAsync(Task save, CancellationTokenSource saveCancellation)
    {
        await Task.Delay(30, TestContext.Current.CancellationToken);
        var running = !save.IsCompleted;
        await saveCancellation.CancelAsync();
        return running;
    }
}
