using System.Collections.Concurrent;
using BriefingBot.Memory.Jobs;
using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.Tests.Support;
using Npgsql;

namespace BriefingBot.Memory.Tests.Jobs;

/// <summary>
/// The job store suite on a real PostgreSQL database (started by scripts/test.sh), each store object with a
/// connection pool of its own as in separate processes; and many workers on several instances claiming at once.
/// </summary>
public sealed class PostgresJobStoreConformanceTests : JobStoreConformanceTests
{
    private readonly string _database = "jobs_" + Guid.NewGuid().ToString("N");
    private readonly List<NpgsqlDataSource> _sources = [];
    private string? _connectionString;

    protected override async Task<IJobStore> CreateStoreAsync()
    {
        Assert.SkipWhen(TestPostgres.ConnectionString is null, TestPostgres.SkipReason);
        await using (var admin = new NpgsqlConnection(TestPostgres.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
            await create.ExecuteNonQueryAsync(Ct);
        }

        _connectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = _database }.ToString();
        using (var memory = new PostgresMemoryStore(_connectionString))
        {
            await memory.InitializeAsync("job-tests", 4, Ct);
        }

        return OpenAnother();
    }

    protected override IJobStore OpenAnother()
    {
        var source = NpgsqlDataSource.Create(_connectionString!);
        _sources.Add(source);
        return new PostgresJobStore(source, Time);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var source in _sources)
        {
            await source.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Claim_WorkersOnFourInstancesDrainingTheQueue_EachJobClaimedAndCompletedExactlyOnce()
    {
        var first = await CreateStoreAsync();
        var ids = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            ids.Add((await first.EnqueueAsync(new NewJob("ingest", $"{{\"n\":{i}}}"), Ct)).Id);
        }

        var instances = new[] { first, OpenAnother(), OpenAnother(), OpenAnother() };
        var claims = new ConcurrentBag<(string Job, string Worker)>();
        var workers = instances.SelectMany((store, instance) => Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var name = $"instance-{instance}-worker-{w}";
            while (await store.ClaimAsync(name, ["ingest"], TimeSpan.FromMinutes(5), Ct) is { } job)
            {
                claims.Add((job.Id, name));
                Assert.True(await store.CompleteAsync(job.Id, name, null, Ct));
            }
        }, Ct)));
        await Task.WhenAll(workers);

        Assert.Equal(ids.Order(), claims.Select(c => c.Job).Order());
        Assert.True(claims.Select(c => c.Worker).Distinct().Count() > 1, "only one worker ever claimed");
        var listed = await first.ListAsync(limit: 1000, cancellationToken: Ct);
        Assert.All(listed, job => Assert.Equal((JobState.Succeeded, 1), (job.State, job.Attempts)));
    }
}
