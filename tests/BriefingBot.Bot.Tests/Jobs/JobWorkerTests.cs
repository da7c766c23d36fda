using System.Text;
using BriefingBot.Bot.Jobs;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Jobs;
using BriefingBot.Memory.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Jobs;

public sealed class JobWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IngestJob_RunByTheServersWorker_StoresTheDocumentAndKeepsTheResult()
    {
        await using var host = await TestBotHost.StartAsync();
        var queue = host.Services.GetRequiredService<JobQueue>();
        var text = "# Ferry timetable changes\n\nThe island ferry will sail every forty minutes from June, the operator announced on Friday.";
        var payload = new IngestJobPayload { FileName = "ferry.md", DocumentId = "ferry-timetable", Tags = new Dictionary<string, IReadOnlyList<string>> { ["desk"] = ["transport"] } };

        var job = await queue.EnqueueAsync(new NewJob(IngestJobHandler.Kind, JobJson.Serialize(payload), Encoding.UTF8.GetBytes(text)), Ct);
        var done = await WaitUntilFinishedAsync(queue.Store, job.Id);

        Assert.Equal(JobState.Succeeded, done.State);
        Assert.Equal(4, done.Progress.Done);
        var result = JobJson.Deserialize<IngestResult>(done.Result!);
        Assert.Equal("ferry-timetable", result.DocumentId);
        Assert.Equal(IngestOutcome.Created, result.Outcome);
        Assert.Null(await queue.Store.GetContentAsync(job.Id, Ct));
        var hits = await host.Services.GetRequiredService<BriefingMemory>().SearchAsync(
            new SearchRequest { Query = "how often will the island ferry sail", Filter = new() { Tags = new Dictionary<string, IReadOnlyList<string>> { ["desk"] = ["transport"] } } }, Ct);
        Assert.Equal("ferry-timetable", Assert.Single(hits.Hits.Select(h => h.Document.Id).Distinct()));
    }

    [Fact]
    public async Task IngestJob_WithACorruptFile_FailsAtOnceWithTheReason()
    {
        await using var host = await TestBotHost.StartAsync();
        var queue = host.Services.GetRequiredService<JobQueue>();

        var job = await queue.EnqueueAsync(new NewJob(
            IngestJobHandler.Kind, JobJson.Serialize(new IngestJobPayload { FileName = "report.pdf" }), Encoding.ASCII.GetBytes("this is not a PDF at all")), Ct);
        var done = await WaitUntilFinishedAsync(queue.Store, job.Id);

        Assert.Equal(JobState.Failed, done.State);
        Assert.Equal(1, done.Attempts);
        Assert.Contains("report.pdf", done.Error, StringComparison.Ordinal);
        Assert.Null(await queue.Store.GetContentAsync(job.Id, Ct));
    }

    [Fact]
    public async Task Shutdown_WhileAJobRuns_ReleasesItForTheNextRun()
    {
        var blocking = new BlockingHandler();
        await using var host = await TestBotHost.StartAsync(configure: services => services.AddSingleton<IJobHandler>(blocking));
        var queue = host.Services.GetRequiredService<JobQueue>();
        var job = await queue.EnqueueAsync(new NewJob(BlockingHandler.JobKind, "{}"), Ct);
        await blocking.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        await host.App.StopAsync(Ct);

        var released = await queue.Store.GetAsync(job.Id, Ct);
        Assert.NotNull(released);
        Assert.Equal(JobState.Queued, released.State);
        Assert.Equal(0, released.Attempts);
        Assert.True(blocking.Cancelled);
    }

    private static async Task<JobRecord> WaitUntilFinishedAsync(IJobStore store, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await store.GetAsync(id, Ct) is { IsFinished: true } job)
            {
                return job;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"Job {id} did not finish within a minute.");
    }

    private sealed class BlockingHandler : IJobHandler
    {
        public const string JobKind = "blocking";

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Cancelled { get; private set; }

        public string Kind => JobKind;

        public async Task<string?> RunAsync(JobExecution execution, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled = true;
                throw;
            }

            return null;
        }
    }
}
