using BriefingBot.Memory.Jobs;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Jobs;

/// <summary>
/// The behaviour every <see cref="IJobStore"/> must share, run against each real store by a subclass. Time is a
/// <see cref="ManualTime"/> the stores read, so leases and retry delays are tested without waiting.
/// </summary>
public abstract class JobStoreConformanceTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly string[] IngestKind = ["ingest"];

    protected ManualTime Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new store over a fresh, empty location (skips the test when the location cannot exist here).</summary>
    protected abstract Task<IJobStore> CreateStoreAsync();

    /// <summary>Another store object over the same location, as another process would open it.</summary>
    protected abstract IJobStore OpenAnother();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public abstract ValueTask DisposeAsync();

    [Fact]
    public async Task Enqueue_ThenGet_ReturnsQueuedJobWithPayloadAndContent()
    {
        var store = await CreateStoreAsync();

        var job = await store.EnqueueAsync(new NewJob("ingest", """{"fileName":"a.pdf"}""", [1, 2, 3], MaxAttempts: 2, Owner: "cms"), Ct);

        var read = await OpenAnother().GetAsync(job.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal(JobState.Queued, read.State);
        Assert.Equal("ingest", read.Kind);
        Assert.Equal("""{"fileName":"a.pdf"}""", read.Payload);
        Assert.Equal(0, read.Attempts);
        Assert.Equal(2, read.MaxAttempts);
        Assert.Equal("cms", read.Owner);
        Assert.Equal(Time.GetUtcNow(), read.Created);
        Assert.Equal([1, 2, 3], await store.GetContentAsync(job.Id, Ct));
        Assert.Null(await store.GetAsync("no-such-job", Ct));
    }

    [Fact]
    public async Task Claim_TakesOldestJobOfTheKinds_CountsAttemptAndLeases()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync(new NewJob("briefing", "{}"), Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        var first = await store.EnqueueAsync(new NewJob("ingest", "1"), Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.EnqueueAsync(new NewJob("ingest", "2"), Ct);

        var claimed = await store.ClaimAsync("worker-a", IngestKind, Lease, Ct);

        Assert.NotNull(claimed);
        Assert.Equal(first.Id, claimed.Id);
        Assert.Equal(JobState.Running, claimed.State);
        Assert.Equal("worker-a", claimed.Worker);
        Assert.Equal(1, claimed.Attempts);
        Assert.Equal(Time.GetUtcNow() + Lease, claimed.LeaseUntil);
        Assert.Null(await store.ClaimAsync("worker-a", ["summary"], Lease, Ct));
        Assert.Null(await store.ClaimAsync("worker-a", [], Lease, Ct));
    }

    [Fact]
    public async Task Claim_ManyWorkersAtOnce_TakeEachJobExactlyOnce()
    {
        var store = await CreateStoreAsync();
        var enqueued = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            enqueued.Add((await store.EnqueueAsync(new NewJob("ingest", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Ct)).Id);
        }

        var workers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var mine = new List<string>();
            var own = OpenAnother();
            while (await own.ClaimAsync($"worker-{w}", IngestKind, Lease, Ct) is { } job)
            {
                mine.Add(job.Id);
            }

            return mine;
        }, Ct)).ToList();
        var taken = (await Task.WhenAll(workers)).SelectMany(ids => ids).ToList();

        Assert.Equal(enqueued.Order(), taken.Order());
    }

    [Fact]
    public async Task Report_ByTheHolder_RecordsProgressAndRenewsLease_OthersAreRefused()
    {
        var store = await CreateStoreAsync();
        var job = await EnqueueAndClaimAsync(store, "worker-a");
        Time.Advance(TimeSpan.FromSeconds(30));

        var progress = new JobProgress(2, 4, "gen_embeddings", ["b.pdf: no readable text found."]);
        Assert.True(await store.ReportAsync(job.Id, "worker-a", progress, Lease, Ct));
        Assert.False(await store.ReportAsync(job.Id, "worker-b", JobProgress.None, Lease, Ct));

        var read = await store.GetAsync(job.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal(progress.Done, read.Progress.Done);
        Assert.Equal(progress.Total, read.Progress.Total);
        Assert.Equal(progress.Step, read.Progress.Step);
        Assert.Equal(progress.Errors, read.Progress.Errors);
        Assert.Equal(Time.GetUtcNow() + Lease, read.LeaseUntil);
    }

    [Fact]
    public async Task Complete_KeepsResultAndDropsContent_JobIsNotTakenAgain()
    {
        var store = await CreateStoreAsync();
        var job = await EnqueueAndClaimAsync(store, "worker-a", content: [9, 9]);

        Assert.False(await store.CompleteAsync(job.Id, "worker-b", "{}", Ct));
        Assert.True(await store.CompleteAsync(job.Id, "worker-a", """{"documentId":"a"}""", Ct));

        var read = await store.GetAsync(job.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal(JobState.Succeeded, read.State);
        Assert.True(read.IsFinished);
        Assert.Equal("""{"documentId":"a"}""", read.Result);
        Assert.Null(read.Worker);
        Assert.Null(await store.GetContentAsync(job.Id, Ct));
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await store.ClaimAsync("worker-a", IngestKind, Lease, Ct));
    }

    [Fact]
    public async Task Fail_WithRetry_QueuesAgainAfterTheDelay_KeepingContent()
    {
        var store = await CreateStoreAsync();
        var job = await EnqueueAndClaimAsync(store, "worker-a", content: [7]);

        Assert.True(await store.FailAsync(job.Id, "worker-a", "connection dropped", retry: true, Ct));

        var queued = await store.GetAsync(job.Id, Ct);
        Assert.NotNull(queued);
        Assert.Equal(JobState.Queued, queued.State);
        Assert.Equal("connection dropped", queued.Error);
        Assert.Null(await store.ClaimAsync("worker-b", IngestKind, Lease, Ct));

        Time.Advance(JobRetry.Delay(1));
        var again = await store.ClaimAsync("worker-b", IngestKind, Lease, Ct);
        Assert.NotNull(again);
        Assert.Equal(2, again.Attempts);
        Assert.Equal([7], await store.GetContentAsync(job.Id, Ct));
    }

    [Fact]
    public async Task Fail_WithoutRetryOrAttemptsLeft_FailsForGoodAndDropsContent()
    {
        var store = await CreateStoreAsync();
        var bad = await EnqueueAndClaimAsync(store, "worker-a", content: [1]);
        Assert.True(await store.FailAsync(bad.Id, "worker-a", "not a PDF", retry: false, Ct));

        var once = await store.EnqueueAsync(new NewJob("ingest", "{}", [2], MaxAttempts: 1), Ct);
        Assert.Equal(once.Id, (await store.ClaimAsync("worker-a", IngestKind, Lease, Ct))?.Id);
        Assert.True(await store.FailAsync(once.Id, "worker-a", "timed out", retry: true, Ct));

        foreach (var id in new[] { bad.Id, once.Id })
        {
            var read = await store.GetAsync(id, Ct);
            Assert.NotNull(read);
            Assert.Equal(JobState.Failed, read.State);
            Assert.Null(await store.GetContentAsync(id, Ct));
        }

        Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await store.ClaimAsync("worker-a", IngestKind, Lease, Ct));
    }

    [Fact]
    public async Task LeaseRunsOut_AnotherWorkerTakesTheJob_AndTheFirstLosesIt()
    {
        var store = await CreateStoreAsync();
        var job = await EnqueueAndClaimAsync(store, "worker-a");
        Assert.Null(await store.ClaimAsync("worker-b", IngestKind, Lease, Ct));

        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var taken = await OpenAnother().ClaimAsync("worker-b", IngestKind, Lease, Ct);

        Assert.NotNull(taken);
        Assert.Equal(job.Id, taken.Id);
        Assert.Equal(2, taken.Attempts);
        Assert.False(await store.ReportAsync(job.Id, "worker-a", JobProgress.None, Lease, Ct));
        Assert.False(await store.CompleteAsync(job.Id, "worker-a", null, Ct));
        Assert.True(await store.CompleteAsync(job.Id, "worker-b", null, Ct));
    }

    [Fact]
    public async Task LeaseRunsOut_WithNoAttemptsLeft_FailsSayingTheWorkerStopped()
    {
        var store = await CreateStoreAsync();
        var job = await store.EnqueueAsync(new NewJob("ingest", "{}", MaxAttempts: 1), Ct);
        await store.ClaimAsync("worker-a", IngestKind, Lease, Ct);

        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        Assert.Null(await store.ClaimAsync("worker-b", IngestKind, Lease, Ct));
        var read = await store.GetAsync(job.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal(JobState.Failed, read.State);
        Assert.Contains("stopped", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_PutsTheWorkersJobsBack_WithoutCountingTheAttempt()
    {
        var store = await CreateStoreAsync();
        var job = await EnqueueAndClaimAsync(store, "worker-a");
        var other = await EnqueueAndClaimAsync(store, "worker-b");

        Assert.Equal(1, await store.ReleaseAsync("worker-a", Ct));

        var released = await store.GetAsync(job.Id, Ct);
        Assert.NotNull(released);
        Assert.Equal(JobState.Queued, released.State);
        Assert.Equal(0, released.Attempts);
        Assert.Null(released.Worker);
        Assert.Equal(JobState.Running, (await store.GetAsync(other.Id, Ct))?.State);
        Assert.Equal(job.Id, (await store.ClaimAsync("worker-c", IngestKind, Lease, Ct))?.Id);
    }

    [Fact]
    public async Task List_ByOwner_ReturnsTheirJobsNewestFirst()
    {
        var store = await CreateStoreAsync();
        var first = await store.EnqueueAsync(new NewJob("ingest", "{}", Owner: "cms"), Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.EnqueueAsync(new NewJob("ingest", "{}", Owner: "intranet"), Ct);
        Time.Advance(TimeSpan.FromSeconds(1));
        var last = await store.EnqueueAsync(new NewJob("briefing", "{}", Owner: "cms"), Ct);

        Assert.Equal([last.Id, first.Id], (await store.ListAsync("cms", cancellationToken: Ct)).Select(j => j.Id));
        Assert.Equal(3, (await store.ListAsync(cancellationToken: Ct)).Count);
        Assert.Single(await store.ListAsync(limit: 1, cancellationToken: Ct));
    }

    private async Task<JobRecord> EnqueueAndClaimAsync(IJobStore store, string worker, byte[]? content = null)
    {
        var job = await store.EnqueueAsync(new NewJob("ingest", "{}", content), Ct);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var claimed = await store.ClaimAsync(worker, IngestKind, Lease, Ct);
        Assert.Equal(job.Id, claimed?.Id);
        return claimed!;
    }
}
