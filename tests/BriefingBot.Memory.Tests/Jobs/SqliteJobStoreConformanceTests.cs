using BriefingBot.Memory.Storage.Sqlite;
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task JobsEnd_TheirContentsSpaceGoesBackToTheFileSystem(bool succeed)
    {
        var store = await CreateStoreAsync();
        var before = FileBytes();
        var content = new byte[20_000_000];
        new Random(7).NextBytes(content);
        for (var i = 0; i < 3; i++)
        {
            await store.EnqueueAsync(new NewJob("ingest", "{}", content), Ct);
        }

        var grown = FileBytes();
        for (var i = 0; i < 3; i++)
        {
            var job = await store.ClaimAsync("worker", ["ingest"], TimeSpan.FromMinutes(1), Ct);
            Assert.True(succeed
                ? await store.CompleteAsync(job!.Id, "worker", "{}", Ct)
                : await store.FailAsync(job!.Id, "worker", "broken", retry: false, Ct));
        }

        var after = FileBytes();
        TestContext.Current.TestOutputHelper?.WriteLine($"memory.db + WAL: {before / 1e6:0.0} MB, {grown / 1e6:0.0} MB with three 20 MB jobs, {after / 1e6:0.0} MB after they ended");
        Assert.True(grown - before > 50_000_000);
        Assert.True(after - before < 5_000_000, $"{(after - before) / 1e6:0.0} MB left");
    }

    private long FileBytes() =>
        new FileInfo(StorePath).Length + (File.Exists(StorePath + "-wal") ? new FileInfo(StorePath + "-wal").Length : 0);

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
