using BriefingBot.Memory.Storage.Sqlite;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Jobs;
using BriefingBot.Memory.Storage;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Cli.Tests;

/// <summary>
/// Faults on the real process over a real store: killed in the middle of a background ingestion job, the store
/// full. The store stays consistent (every document whole or absent), asks keep working and jobs finish after a restart.
/// </summary>
public sealed class FaultTests
{
    private const string Seed = "Report: the town council approved a harbour levy to repair the sea wall after the January storms.";

    [Fact]
    public async Task KilledDuringIngestJob_RestartFinishesJobsAndStoreStaysConsistent()
    {
        using var folder = new TempFolder();
        var data = await SeededDataAsync(folder);
        var store = Path.Combine(data, "memory.db");
        var jobs = new SqliteJobStore(store);
        var big = await jobs.EnqueueAsync(IngestJob("big", LongReport(1, paragraphs: 400)), TestContext.Current.CancellationToken);
        var small = await jobs.EnqueueAsync(IngestJob("small", LongReport(2, paragraphs: 3)), TestContext.Current.CancellationToken);
        string[] settings = ["--Jobs:LeaseSeconds=5", "--Jobs:PollSeconds=0.2"];

        await using (var first = await ServerProcess.StartAsync(data, settings))
        {
            await WaitForAsync(async () => (await jobs.GetAsync(big.Id, TestContext.Current.CancellationToken))!.State == JobState.Running, TimeSpan.FromSeconds(60), first);
            await Task.Delay(1500, TestContext.Current.CancellationToken);
            Assert.Equal(JobState.Running, (await jobs.GetAsync(big.Id, TestContext.Current.CancellationToken))!.State);
            first.KillHard();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(1, CrashSafetyTests.AssertConsistent(store));
        Assert.NotEqual(JobState.Succeeded, (await jobs.GetAsync(big.Id, TestContext.Current.CancellationToken))!.State);

        await using (var second = await ServerProcess.StartAsync(data, settings))
        {
            await WaitForAsync(
                async () => (await jobs.GetAsync(big.Id, TestContext.Current.CancellationToken))!.IsFinished && (await jobs.GetAsync(small.Id, TestContext.Current.CancellationToken))!.IsFinished,
                TimeSpan.FromMinutes(4),
                second);
        }

        var finished = (await jobs.GetAsync(big.Id, TestContext.Current.CancellationToken))!;
        Assert.Equal(JobState.Succeeded, finished.State);
        Assert.True(finished.Attempts >= 2, $"the job ran {finished.Attempts} time(s); it should have been taken again after the kill");
        Assert.Equal(JobState.Succeeded, (await jobs.GetAsync(small.Id, TestContext.Current.CancellationToken))!.State);
        SqliteConnection.ClearAllPools();
        Assert.Equal(3, CrashSafetyTests.AssertConsistent(store));
    }

    [Fact]
    public async Task SigtermDuringIngestJob_JobReleasedExitZeroAndFinishedAfterRestart()
    {
        using var folder = new TempFolder();
        var data = await SeededDataAsync(folder);
        var store = Path.Combine(data, "memory.db");
        var jobs = new SqliteJobStore(store);
        var big = await jobs.EnqueueAsync(IngestJob("big", LongReport(5, paragraphs: 400)), TestContext.Current.CancellationToken);
        string[] settings = ["--Jobs:PollSeconds=0.2", "--Operations:ShutdownTimeoutSeconds=20"];

        await using (var first = await ServerProcess.StartAsync(data, settings))
        {
            await WaitForAsync(async () => (await jobs.GetAsync(big.Id, TestContext.Current.CancellationToken))!.State == JobState.Running, TimeSpan.FromSeconds(60), first);
            await Task.Delay(1000, TestContext.Current.CancellationToken);
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(40)));
            Assert.Contains("Released 1 unfinished jobs", first.Output);
        }

        var released = (await jobs.GetAsync(big.Id, TestContext.Current.CancellationToken))!;
        Assert.Equal(JobState.Queued, released.State);
        SqliteConnection.ClearAllPools();
        Assert.Equal(1, CrashSafetyTests.AssertConsistent(store));

        await using (var second = await ServerProcess.StartAsync(data, settings))
        {
            await WaitForAsync(async () => (await jobs.GetAsync(big.Id, TestContext.Current.CancellationToken))!.IsFinished, TimeSpan.FromMinutes(4), second);
        }

        Assert.Equal(JobState.Succeeded, (await jobs.GetAsync(big.Id, TestContext.Current.CancellationToken))!.State);
        SqliteConnection.ClearAllPools();
        Assert.Equal(2, CrashSafetyTests.AssertConsistent(store));
    }

    [Fact]
    public async Task StoreFull_IngestJobFailsClearlyAskStillAnswersNothingCorrupted()
    {
        using var folder = new TempFolder();
        var data = await SeededDataAsync(folder);
        var store = Path.Combine(data, "memory.db");
        SqliteConnection.ClearAllPools();
        var limit = (new FileInfo(store).Length / 1048576.0) + 0.05;
        var jobs = new SqliteJobStore(store);
        var job = await jobs.EnqueueAsync(IngestJob("big", LongReport(1, paragraphs: 200)) with { MaxAttempts = 1 }, TestContext.Current.CancellationToken);

        await using (var server = await ServerProcess.StartAsync(data, "--Jobs:PollSeconds=0.2", $"--Memory:MaxStoreMegabytes={limit:0.000}"))
        {
            await WaitForAsync(async () => (await jobs.GetAsync(job.Id, TestContext.Current.CancellationToken))!.IsFinished, TimeSpan.FromMinutes(2), server);
            var failed = (await jobs.GetAsync(job.Id, TestContext.Current.CancellationToken))!;
            Assert.Equal(JobState.Failed, failed.State);
            Assert.Contains("is full", failed.Error);
            Assert.Contains("Memory:MaxStoreMegabytes", failed.Error);

            var response = await server.Http.PostAsJsonAsync("api/ask", new { question = "Why did the council approve a harbour levy?" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.False(answer.RootElement.GetProperty("noResult").GetBoolean());
            Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("ready", TestContext.Current.CancellationToken)).StatusCode);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(1, CrashSafetyTests.AssertConsistent(store));
    }

    [Fact]
    public async Task StoreReadOnly_IngestJobFailsClearlyAskStillAnswersNothingCorrupted()
    {
        using var folder = new TempFolder();
        var data = await SeededDataAsync(folder);
        var store = Path.Combine(data, "memory.db");
        var jobs = new SqliteJobStore(store);
        var job = await jobs.EnqueueAsync(IngestJob("late", LongReport(3, paragraphs: 5)) with { MaxAttempts = 1 }, TestContext.Current.CancellationToken);
        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(store, TestContext.Current.CancellationToken);
        // The tests run as root, whom file modes do not stop; the immutable attribute stops root too.
        Assert.SkipUnless(await RunAsync("chattr", "+i", store) == 0, "chattr +i is not supported on this file system.");
        try
        {
            await using var server = await ServerProcess.StartAsync(data);
            var response = await server.Http.PostAsJsonAsync("api/ask", new { question = "Why did the council approve a harbour levy?" }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.False(answer.RootElement.GetProperty("noResult").GetBoolean());

            var ingest = await BotProcess.RunAsync("ingest", folder.File("late.txt", LongReport(4, paragraphs: 2)), "--data", data);
            Assert.NotEqual(0, ingest.ExitCode);
            Assert.Contains("is read-only. Nothing was changed.", ingest.Errors);

            await Task.Delay(3000, TestContext.Current.CancellationToken);
            Assert.True(server.Output.Contains("Cannot claim a job", StringComparison.Ordinal) && server.Output.Contains("readonly database", StringComparison.Ordinal), server.Output);
            Assert.Equal(JobState.Queued, (await jobs.GetAsync(job.Id, TestContext.Current.CancellationToken))!.State);
            Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("ready", TestContext.Current.CancellationToken)).StatusCode);
        }
        finally
        {
            await RunAsync("chattr", "-i", store);
        }

        Assert.Equal(before, await File.ReadAllBytesAsync(store, TestContext.Current.CancellationToken));
        SqliteConnection.ClearAllPools();
        Assert.Equal(1, CrashSafetyTests.AssertConsistent(store));
    }

    private static async Task<int> RunAsync(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { UseShellExecute = false, RedirectStandardError = true })!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return process.ExitCode;
    }

    /// <summary>A data folder whose store holds one small document, ingested by the real CLI.</summary>
    private static async Task<string> SeededDataAsync(TempFolder folder)
    {
        var data = Path.Combine(folder.Path, "data");
        var seeded = await BotProcess.RunAsync("ingest", folder.File("seed.txt", Seed), "--data", data);
        Assert.True(seeded.ExitCode == 0, seeded.Errors);
        return data;
    }

    private static NewJob IngestJob(string id, string text) => new(
        IngestJobHandler.Kind,
        JobJson.Serialize(new IngestJobPayload { FileName = id + ".txt", DocumentId = id, Title = "Report " + id }),
        Encoding.UTF8.GetBytes(text));

    /// <summary>A long report; every sentence holds the word "report" so the keyword index can be checked row by row.</summary>
    private static string LongReport(int seed, int paragraphs)
    {
        var text = new StringBuilder();
        for (var p = 0; p < paragraphs; p++)
        {
            text.AppendLine(string.Join(' ', Enumerable.Range(0, 6).Select(s =>
                $"The report {seed} section {p} notes that delegation {(p * 7 + s) % 23} reviewed item {p * s + seed} with partners in round {p + s}.")));
            text.AppendLine();
        }

        return text.ToString();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit, ServerProcess server)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit || server.HasExited)
            {
                Assert.Fail($"Gave up after {watch.Elapsed} (server exited: {server.HasExited}).\n{server.Output}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
