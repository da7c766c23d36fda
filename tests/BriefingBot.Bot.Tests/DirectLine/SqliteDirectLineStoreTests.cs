using BriefingBot.Bot.DirectLine;

namespace BriefingBot.Bot.Tests.DirectLine;

/// <summary>The Direct Line store contract on a real SQLite file.</summary>
public sealed class SqliteDirectLineStoreTests : DirectLineStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "briefingbot-bot-tests", Guid.NewGuid().ToString("N"));

    protected override Task<IDirectLineStore> OpenStoreAsync() =>
        Task.FromResult<IDirectLineStore>(new SqliteDirectLineStore(Path.Combine(_folder, "directline.db")));

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
