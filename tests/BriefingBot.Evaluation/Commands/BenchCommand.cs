using BriefingBot.Memory.Storage.Sqlite;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BriefingBot.Evaluation.Data;
using BriefingBot.Evaluation.Metrics;
using BriefingBot.Evaluation.Reporting;
using BriefingBot.Memory;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Ingestion.Extraction;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// Ingestion throughput end to end against the bare model on exactly the same texts, warm ask and search latency over
/// the whole SciFact memory, store size on disk and peak memory. Configured model and settings.
/// </summary>
internal sealed class BenchCommand(Workspace workspace, CommandLine options)
{
    private const int DefaultAsks = 300;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = Settings.Load(workspace);
        var data = SciFact.Load(workspace);
        using var embedders = new Embedders();
        var embedder = embedders.Get(settings.EmbeddingModel, settings.EmbeddingThreads);
        var ingestion = await IngestionAsync(settings, data, embedder, cancellationToken).ConfigureAwait(false);
        var latency = await LatencyAsync(data, embedder, cancellationToken).ConfigureAwait(false);
        var peak = PeakMemoryMegabytes();

        var throughput = new MarkdownTable("Run", "Documents", "Chunks", "Tokens", "Seconds", "Tokens/s", "Documents/s");
        throughput.Add("ingestion, end to end", ingestion.Documents, ingestion.Chunks, ingestion.Tokens, Fixed(ingestion.PipelineSeconds, 1),
            Fixed(ingestion.Tokens / ingestion.PipelineSeconds, 0), Fixed(ingestion.Documents / ingestion.PipelineSeconds, 1));
        throughput.Add("of which in the model", "", "", "", Fixed(ingestion.ModelSeconds, 1), "", "");
        throughput.Add("bare model, same texts, one call (mean of the runs before and after)", "", ingestion.Chunks, ingestion.Tokens, Fixed(ingestion.RawSeconds, 1),
            Fixed(ingestion.Tokens / ingestion.RawSeconds, 0), Fixed(ingestion.Documents / ingestion.RawSeconds, 1));
        var overhead = ingestion.PipelineSeconds / ingestion.RawSeconds - 1;
        var latencyTable = new MarkdownTable("Operation", "Calls", "p50 ms", "p95 ms", "p99 ms", "mean ms");
        foreach (var (name, values) in latency.Series)
        {
            latencyTable.Add(name, values.Count, Fixed(Percentiles.Of(values, 50), 1), Fixed(Percentiles.Of(values, 95), 1),
                Fixed(Percentiles.Of(values, 99), 1), Fixed(values.Average(), 1));
        }

        var summary = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Model {embedder.Profile.Id}, chunks of at most {settings.Chunking.MaxTokens} tokens; tokens are the model's tokens of the embedded texts (title line + chunk).")
            .AppendLine()
            .AppendLine("### Ingestion")
            .AppendLine()
            .Append(throughput)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Pipeline overhead over the bare model: **{overhead:P0}** (target ≤ 25%).")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"### Warm latency over the SciFact memory ({latency.Documents} documents, {latency.Chunks} chunks)")
            .AppendLine()
            .Append(latencyTable)
            .AppendLine()
            .AppendLine("Targets: ask p50 ≤ 50 ms, p95 ≤ 150 ms.")
            .AppendLine()
            .AppendLine("### Size")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- Store on disk (SQLite file + WAL): {latency.StoreMegabytes:F1} MB for {latency.Documents} documents / {latency.Chunks} chunks ({latency.StoreMegabytes * 1024 / Math.Max(1, latency.Chunks):F1} KB per chunk)")
            .AppendLine(CultureInfo.InvariantCulture, $"- Peak memory of the benchmark process (VmHWM): {peak:F0} MB")
            .ToString();
        Console.WriteLine(summary);
        if (options.WriteDocs)
        {
            var series = latency.Series;
            Charts.GroupedBars(Path.Combine(workspace.Images, "perf-latency.png"), $"Warm latency over {latency.Chunks} chunks ({Environment.ProcessorCount} cores)", "ms",
                series.Select(s => s.Name).ToList(),
                [("p50", series.Select(s => Percentiles.Of(s.Values, 50)).ToArray()),
                 ("p95", series.Select(s => Percentiles.Of(s.Values, 95)).ToArray()),
                 ("p99", series.Select(s => Percentiles.Of(s.Values, 99)).ToArray())]);
            var body = summary + "\n![Warm latency percentiles](img/perf-latency.png)\n";
            DocsSection.Update(Path.Combine(workspace.Docs, "PERFORMANCE.md"), "bench", "Benchmark: SciFact", body, options.Arguments, "bench");
        }

        return 0;
    }

    /// <summary>
    /// A first pass over the documents warms the model up on the real shapes and records the texts; then the bare
    /// model and a second, measured pass into a fresh store alternate (bare, pipeline, bare), so neither side gains
    /// from going second or from a quieter moment of the shared machine.
    /// </summary>
    private async Task<IngestionFigures> IngestionAsync(MemoryOptions settings, SciFact data, OnnxEmbeddingGenerator embedder, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"Ingesting the first {(options.Docs ?? 1000)} SciFact documents (a warm-up pass, then a measured one)…");
        var warmUp = await IngestOnceAsync(settings, data, embedder, "bench-warmup", cancellationToken).ConfigureAwait(false);
        var texts = warmUp.Recording.Passages.ToList();
        var tokens = texts.Sum(t => (long)embedder.CountTokens(t));
        var before = await BareAsync(embedder, texts, cancellationToken).ConfigureAwait(false);
        var measured = await IngestOnceAsync(settings, data, embedder, "bench-ingestion", cancellationToken).ConfigureAwait(false);
        var after = await BareAsync(embedder, texts, cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"  pipeline {measured.Seconds:F1} s (model {measured.Recording.ModelTime.TotalSeconds:F1} s); bare model {before:F1} s and {after:F1} s");
        return new IngestionFigures(measured.Documents, texts.Count, tokens, measured.Seconds, measured.Recording.ModelTime.TotalSeconds, (before + after) / 2);
    }

    private static async Task<double> BareAsync(OnnxEmbeddingGenerator embedder, List<string> texts, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await embedder.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        return clock.Elapsed.TotalSeconds;
    }

    private async Task<(int Documents, double Seconds, RecordingEmbedder Recording)> IngestOnceAsync(
        MemoryOptions settings, SciFact data, OnnxEmbeddingGenerator embedder, string name, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workspace.Artifacts, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        settings.DataFolder = folder;
        var recording = new RecordingEmbedder(embedder);
        using var store = new SqliteMemoryStore(settings.StorePath);
        await store.InitializeAsync(embedder.Profile.Id, embedder.Profile.Dimensions, cancellationToken).ConfigureAwait(false);
        using var memory = new BriefingMemory(store, recording, embedder, new TextExtraction(DefaultExtractors.Create(), settings.MaxFileBytes), settings, TimeProvider.System);
        var documents = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var result in memory.IngestAsync(data.IngestRequests((options.Docs ?? 1000)), cancellationToken).ConfigureAwait(false))
        {
            if (result.Outcome == IngestOutcome.Failed)
            {
                throw new InvalidOperationException($"{result.DocumentId}: {result.Error}");
            }

            documents++;
        }

        return (documents, clock.Elapsed.TotalSeconds, recording);
    }

    private async Task<LatencyFigures> LatencyAsync(SciFact data, OnnxEmbeddingGenerator embedder, CancellationToken cancellationToken)
    {
        var settings = Settings.Load(workspace);
        using var memory = await CachedCorpus.OpenAsync(workspace, SciFact.Name, settings, embedder, () => data.IngestRequests(), cancellationToken).ConfigureAwait(false);
        var statistics = await memory.Store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var questions = data.Queries.Subsample(options.Queries ?? DefaultAsks).Select(q => q.Text).ToList();
        var latency = await WarmLatency.MeasureAsync(memory, questions, settings.Answer.Passages, embedder, cancellationToken).ConfigureAwait(false);

        var bytes = new[] { "", "-wal" }.Select(s => new FileInfo(settings.StorePath + s)).Where(f => f.Exists).Sum(f => f.Length);
        return new LatencyFigures(statistics.Documents, statistics.Chunks, bytes / (1024.0 * 1024),
            [("query embedding", latency.Embed), ("search (hybrid)", latency.Search), ("ask (search + answer)", latency.Ask)]);
    }

    private static double PeakMemoryMegabytes()
    {
        const string status = "/proc/self/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb)
            ? kb / 1024.0
            : Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
    }

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private sealed record IngestionFigures(int Documents, int Chunks, long Tokens, double PipelineSeconds, double ModelSeconds, double RawSeconds);

    private sealed record LatencyFigures(int Documents, int Chunks, double StoreMegabytes, IReadOnlyList<(string Name, List<double> Values)> Series);
}
