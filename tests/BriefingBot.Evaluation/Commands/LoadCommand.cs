using BriefingBot.Memory.Storage.Sqlite;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BriefingBot.Evaluation.Data;
using BriefingBot.Evaluation.Load;
using BriefingBot.Evaluation.Metrics;
using BriefingBot.Evaluation.Reporting;
using BriefingBot.Memory;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// The real bot process on loopback under N concurrent users for a bounded time, while the CLI ingests a batch of
/// documents into the same data folder: throughput, latency percentiles per operation, errors, and whether every
/// Direct Line message got exactly one reply.
/// </summary>
internal sealed class LoadCommand(Workspace workspace, CommandLine options)
{
    private const int SeedChunks = 5_000;
    private const int DefaultBatch = 150;
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(30);

    private static readonly string[] Operations =
    [
        VirtualUser.AskOperation, VirtualUser.TurnOperation, VirtualUser.PostOperation, VirtualUser.PollOperation, VirtualUser.StartOperation,
    ];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = Settings.Load(workspace);
        var data = SciFact.Load(workspace);
        var dll = await BotUnderLoad.BuildAsync(workspace, cancellationToken).ConfigureAwait(false);
        var dataFolder = await SeedAsync(settings, data, cancellationToken).ConfigureAwait(false);
        var batchSize = options.Docs ?? DefaultBatch;
        var batch = Path.Combine(dataFolder, "..", "batch.jsonl");
        var fresh = await NotInAsync(settings, dataFolder, data.Documents, batchSize, cancellationToken).ConfigureAwait(false);
        await File.WriteAllLinesAsync(batch, fresh.Select(d => JsonSerializer.Serialize(new { id = d.Id, title = d.Title, text = d.Text })), cancellationToken).ConfigureAwait(false);

        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var environment = new Dictionary<string, string>
        {
            ["Bot__LoadSamplesWhenEmpty"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DirectLine__Secrets__0"] = secret,
            ["DirectLine__PostsPerMinute"] = "1000000",
            ["DirectLine__ReadsPerMinute"] = "1000000",
            ["DirectLine__PostsPerMinutePerAddress"] = "1000000",
            ["DirectLine__ReadsPerMinutePerAddress"] = "1000000",
            ["DirectLine__TokensPerMinute"] = "1000000",
        };
        var logPath = Path.Combine(dataFolder, "..", "bot.log");
        await using var log = new StreamWriter(logPath);
        var questions = data.Queries.Select(q => q.Text).ToList();
        var loadBefore = MachineLoad.OneMinute();
        Console.Error.WriteLine($"Starting the bot on loopback over {dataFolder}…");
        await using var bot = await BotUnderLoad.StartAsync(dll, dataFolder, environment, log, cancellationToken).ConfigureAwait(false);
        var recorder = new LoadRecorder();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = bot.BaseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };

        Console.Error.WriteLine($"{options.Users} users for {options.Seconds} s, while the CLI ingests {batchSize} documents…");
        var users = Enumerable.Range(0, options.Users).Select(i => new VirtualUser(i, http, secret, questions, recorder)).ToList();
        var start = recorder.Now;
        var deadline = start + options.Seconds;
        var ingestion = IngestAsync(dll, dataFolder, batch, environment, recorder, cancellationToken);
        await Task.WhenAll(users.Select(u => u.RunAsync(deadline, cancellationToken))).ConfigureAwait(false);
        var elapsed = recorder.Now - start;
        var replies = await CountRepliesAsync(users, recorder, cancellationToken).ConfigureAwait(false);
        var ingest = await ingestion.ConfigureAwait(false);
        var loadAfter = MachineLoad.OneMinute();

        var report = Report(recorder, replies, ingest, elapsed, batchSize, loadBefore, loadAfter);
        Console.WriteLine(report);
        if (options.WriteDocs)
        {
            Charts.GroupedBars(Path.Combine(workspace.Images, "perf-load.png"),
                $"HTTP latency, {options.Users} users for {options.Seconds} s with ingestion ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd})", "ms",
                Operations.Select(Short).ToList(),
                [("p50", Operations.Select(o => Percentiles.Of(recorder.Latencies(o), 50)).ToArray()),
                 ("p95", Operations.Select(o => Percentiles.Of(recorder.Latencies(o), 95)).ToArray()),
                 ("p99", Operations.Select(o => Percentiles.Of(recorder.Latencies(o), 99)).ToArray())]);
            DocsSection.Update(Path.Combine(workspace.Docs, "PERFORMANCE.md"), "load", "HTTP under concurrent load",
                report + "\n![HTTP latency under load](img/perf-load.png)\n", options.Arguments, "load");
        }

        var failed = recorder.Errors.Values.Sum() > 0 || replies.Lost > 0 || replies.Duplicated > 0 || replies.Orphans > 0 || ingest.ExitCode != 0;
        Directory.Delete(Path.GetDirectoryName(dataFolder)!, recursive: true);
        return failed ? 1 : 0;
    }

    /// <summary>A temporary data folder holding a copy of the 5k-chunk SciFact memory (see <see cref="GrowthCorpus"/>).</summary>
    private async Task<string> SeedAsync(MemoryOptions settings, SciFact data, CancellationToken cancellationToken)
    {
        using var embedders = new Embedders();
        var embedder = embedders.Get(settings.EmbeddingModel, settings.EmbeddingThreads);
        string sourceStore;
        using (var source = await CachedCorpus.OpenAsync(workspace, SciFact.Name, Settings.Load(workspace), embedder, () => data.IngestRequests(), cancellationToken).ConfigureAwait(false))
        {
            sourceStore = ((Memory.Storage.Sqlite.SqliteMemoryStore)source.Store).Path;
        }

        var seed = await GrowthCorpus.EnsureAsync(workspace, settings, sourceStore, embedder.Profile.Id, embedder.Profile.Dimensions, SeedChunks, cancellationToken).ConfigureAwait(false);
        var root = Path.Combine(Path.GetTempPath(), "briefingbot-load", Guid.NewGuid().ToString("N"));
        var dataFolder = Path.Combine(root, "data");
        Directory.CreateDirectory(dataFolder);
        foreach (var file in Directory.GetFiles(seed, settings.StoreFile + "*"))
        {
            File.Copy(file, Path.Combine(dataFolder, Path.GetFileName(file)));
        }

        return dataFolder;
    }

    /// <summary>The first <paramref name="count"/> documents of the corpus that the seeded memory does not hold.</summary>
    private static async Task<List<SciFactDocument>> NotInAsync(
        MemoryOptions settings, string dataFolder, IReadOnlyList<SciFactDocument> documents, int count, CancellationToken cancellationToken)
    {
        using var store = new Memory.Storage.Sqlite.SqliteMemoryStore(Path.Combine(dataFolder, settings.StoreFile));
        var fresh = new List<SciFactDocument>();
        foreach (var document in documents)
        {
            if (fresh.Count == count)
            {
                break;
            }

            if (await store.GetContentHashAsync(document.Id, cancellationToken).ConfigureAwait(false) is null)
            {
                fresh.Add(document);
            }
        }

        return fresh;
    }

    private static async Task<IngestRun> IngestAsync(
        string dll, string dataFolder, string batch, IReadOnlyDictionary<string, string> environment, LoadRecorder recorder, CancellationToken cancellationToken)
    {
        var started = recorder.Now;
        using var process = Process.Start(BotUnderLoad.Command(dll, environment, "ingest", "--jsonl", batch, "--data", dataFolder))!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var text = await output.ConfigureAwait(false) + await errors.ConfigureAwait(false);
        return new IngestRun(process.ExitCode, started, recorder.Now, text.Trim().Split('\n').LastOrDefault() ?? "");
    }

    /// <summary>
    /// After the deadline: polls every conversation until each posted message has a reply (or <see cref="Drain"/> passes),
    /// then once more after a pause, and counts the bot's messages per posted message.
    /// </summary>
    private static async Task<ReplyCount> CountRepliesAsync(IReadOnlyList<VirtualUser> users, LoadRecorder recorder, CancellationToken cancellationToken)
    {
        async Task PollAsync(DirectLineConversation conversation)
        {
            try
            {
                await conversation.PollAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is LoadFailure or HttpRequestException or TaskCanceledException)
            {
                recorder.Fail(VirtualUser.PollOperation, e.Message);
            }
        }

        var all = users.SelectMany(u => u.Conversations).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var (conversation, posted) in all)
        {
            while (posted.Any(id => conversation.RepliesTo(id) == 0) && clock.Elapsed < Drain)
            {
                await PollAsync(conversation).ConfigureAwait(false);
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        foreach (var (conversation, _) in all)
        {
            await PollAsync(conversation).ConfigureAwait(false);
        }

        var postedIds = all.SelectMany(c => c.Posted).ToHashSet(StringComparer.Ordinal);
        var orphans = all.Sum(c => c.Conversation.Activities.Count(a =>
            a.TryGetProperty("type", out var type) && type.GetString() == "message"
            && a.TryGetProperty("replyToId", out var replyTo) && replyTo.GetString() is { } id && !postedIds.Contains(id)));
        var counts = all.SelectMany(c => c.Posted.Select(id => c.Conversation.RepliesTo(id))).ToList();
        return new ReplyCount(all.Count, counts.Count, counts.Count(n => n == 1), counts.Count(n => n == 0), counts.Count(n => n > 1), orphans);
    }

    private string Report(LoadRecorder recorder, ReplyCount replies, IngestRun ingest, double elapsed, int batchSize, double? loadBefore, double? loadAfter)
    {
        var table = new MarkdownTable("Operation", "Completed", "Per second", "Errors", "p50 ms", "p95 ms", "p99 ms", "max ms");
        foreach (var operation in Operations)
        {
            var latencies = recorder.Latencies(operation);
            table.Add(operation, latencies.Count, F(latencies.Count / elapsed), recorder.Errors.GetValueOrDefault(operation),
                F(Percentiles.Of(latencies, 50)), F(Percentiles.Of(latencies, 95)), F(Percentiles.Of(latencies, 99)), F(latencies.Count > 0 ? latencies.Max() : double.NaN));
        }

        var during = (recorder.Latencies(VirtualUser.AskOperation, ingest.Started, ingest.Ended), recorder.Latencies(VirtualUser.TurnOperation, ingest.Started, ingest.Ended));
        var after = (recorder.Latencies(VirtualUser.AskOperation, ingest.Ended), recorder.Latencies(VirtualUser.TurnOperation, ingest.Ended));
        var answers = recorder.Latencies(VirtualUser.AskOperation).Count + recorder.Latencies(VirtualUser.TurnOperation).Count;
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Machine {MachineLoad.Describe(loadBefore, loadAfter)}; the load generator, the bot and the ingesting CLI all run on it.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"The bot's Release build as its own process (`dotnet BriefingBot.Bot.dll --urls http://127.0.0.1:<free port> --data <temp>`), its memory a copy of the 5k-chunk SciFact memory; {options.Users} users, each without think time alternating a question to `POST /api/ask` and a Direct Line turn (post a message, poll every 200 ms until the bot's reply to it arrives; a new conversation every 10 turns), for {options.Seconds} s. Meanwhile the CLI (`ingest --jsonl`, a second process on the same data folder) ingests {batchSize} further SciFact documents. Direct Line's per-client rate limits are raised for the run (they would otherwise refuse a user posting without pause). Questions: SciFact train queries.")
            .AppendLine()
            .Append(table)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Answers completed: **{answers}** in {elapsed:F0} s = **{answers / elapsed:F1} answers/s** (API answers and Direct Line replies)")
            .AppendLine(CultureInfo.InvariantCulture, $"- Errors: **{recorder.Errors.Values.Sum()}**{Errors(recorder)}")
            .AppendLine(CultureInfo.InvariantCulture, $"- Direct Line replies: {replies.Messages} messages posted in {replies.Conversations} conversations; exactly one reply: **{replies.ExactlyOne}**, lost (no reply): **{replies.Lost}**, duplicated (more than one): **{replies.Duplicated}**, replies to no posted message: **{replies.Orphans}**")
            .AppendLine(CultureInfo.InvariantCulture, $"- Ingestion alongside: exit code {ingest.ExitCode}, from {ingest.Started:F0} s to {ingest.Ended:F0} s after the start ({ingest.Ended - ingest.Started:F0} s); its last line: `{ingest.LastLine.Replace('`', '\'')}`")
            .AppendLine(CultureInfo.InvariantCulture, $"- While the batch ingested: `/api/ask` p50 {F(Percentiles.Of(during.Item1, 50))} / p95 {F(Percentiles.Of(during.Item1, 95))} ms ({during.Item1.Count} calls), Direct Line turn p50 {F(Percentiles.Of(during.Item2, 50))} / p95 {F(Percentiles.Of(during.Item2, 95))} ms; after it: `/api/ask` p50 {F(Percentiles.Of(after.Item1, 50))} / p95 {F(Percentiles.Of(after.Item1, 95))} ms ({after.Item1.Count} calls), Direct Line turn p50 {F(Percentiles.Of(after.Item2, 50))} / p95 {F(Percentiles.Of(after.Item2, 95))} ms");
        return text.ToString();
    }

    private static string Errors(LoadRecorder recorder) => recorder.FirstErrors.Count == 0
        ? ""
        : " (" + string.Join("; ", recorder.FirstErrors.Select(e => $"{e.Key}: {recorder.Errors[e.Key]}, first: {e.Value.Replace('|', '/')}")) + ")";

    private static string Short(string operation) => operation.Replace("Direct Line: ", "DL ", StringComparison.Ordinal).Replace("post → reply received", "turn", StringComparison.Ordinal);

    private static string F(double value) => double.IsNaN(value) ? "–" : value.ToString("F1", CultureInfo.InvariantCulture);

    private sealed record IngestRun(int ExitCode, double Started, double Ended, string LastLine);

    private sealed record ReplyCount(int Conversations, int Messages, int ExactlyOne, int Lost, int Duplicated, int Orphans);
}
