using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.DirectLine;
using System.Collections.Concurrent;
using System.Diagnostics;
using BriefingBot.Bot.DirectLine;
using BriefingBot.Bot.Tests.Support;
using Npgsql;

namespace BriefingBot.Bot.Tests.DirectLine;

/// <summary>
/// The Direct Line store contract on a real PostgreSQL database, each store with a connection pool of its own as in
/// separate processes; and the change notifications that wake streams held by other instances.
/// </summary>
public sealed class PostgresDirectLineStoreTests : DirectLineStoreContract
{
    private readonly List<NpgsqlDataSource> _sources = [];
    private TestDatabase? _database;

    protected override async Task<IDirectLineStore> OpenStoreAsync()
    {
        _database ??= await TestDatabase.CreateAsync(Ct);
        var source = _database.NewDataSource();
        _sources.Add(source);
        return new PostgresDirectLineStore(source);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            await source.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task WatchAsync_AppendOnAnotherStore_ReportsTheConversationWithinASecond()
    {
        var writer = await OpenStoreAsync();
        var watcher = await OpenStoreAsync();
        await writer.CreateConversationAsync(new StoredConversation("watched", null, "site", Start, Start), Ct);
        var reports = new BlockingCollection<(string? Id, long Ticks)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watching = watcher.WatchAsync(id => reports.Add((id, Stopwatch.GetTimestamp())), stop.Token);
        await WaitUntilListeningAsync();

        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            await writer.AppendAsync("watched", false, Start, _ => "{}", Ct);
            Assert.True(reports.TryTake(out var report, 1000, Ct), $"append {i + 1} was not reported within a second");
            Assert.Equal("watched", report.Id);
            latencies.Add(Stopwatch.GetElapsedTime(sent, report.Ticks));
        }

        await stop.CancelAsync();
        await watching;
        latencies.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"NOTIFY delivery from commit-returning append to the watcher: median {latencies[10].TotalMilliseconds:F1} ms, max {latencies[^1].TotalMilliseconds:F1} ms");
    }

    private async Task WaitUntilListeningAsync()
    {
        await using var check = _database!.NewDataSource();
        for (var i = 0; i < 100; i++)
        {
            await using var command = check.CreateCommand($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{_database.Name}' AND query LIKE 'LISTEN%'");
            if ((long)(await command.ExecuteScalarAsync(Ct))! > 0)
            {
                return;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail("The watcher never listened.");
    }
}
