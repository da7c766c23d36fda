using BriefingBot.Memory.Storage.Sqlite;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BriefingBot.Evaluation.Data;
using BriefingBot.Evaluation.Metrics;
using BriefingBot.Evaluation.Reporting;
using BriefingBot.Memory;
using BriefingBot.Memory.Retrieval;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// Ask latency as the memory grows: the same SciFact questions asked, warm and in process, of memories of 1k, 5k,
/// 20k and 100k chunks (see <see cref="GrowthCorpus"/> for how the larger ones are made), with the configured settings.
/// </summary>
internal sealed class GrowthCommand(Workspace workspace, CommandLine options)
{
    private const int DefaultAsks = 200;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = Settings.Load(workspace);
        var data = SciFact.Load(workspace);
        using var embedders = new Embedders();
        var embedder = embedders.Get(settings.EmbeddingModel, settings.EmbeddingThreads);
        string sourceStore;
        using (var source = await CachedCorpus.OpenAsync(workspace, SciFact.Name, Settings.Load(workspace), embedder, () => data.IngestRequests(), cancellationToken).ConfigureAwait(false))
        {
            sourceStore = ((Memory.Storage.Sqlite.SqliteMemoryStore)source.Store).Path;
        }

        var questions = data.Queries.Subsample(options.Queries ?? DefaultAsks).Select(q => q.Text).ToList();
        var rows = new List<Row>();
        var loadBefore = MachineLoad.OneMinute();
        foreach (var size in (options.Sizes ?? [1_000, 5_000, 20_000, 100_000]).Order())
        {
            var folder = await GrowthCorpus.EnsureAsync(workspace, settings, sourceStore, embedder.Profile.Id, embedder.Profile.Dimensions, size, cancellationToken).ConfigureAwait(false);
            var memoryOptions = Settings.Load(workspace);
            memoryOptions.DataFolder = folder;
            using var memory = await BriefingMemory.OpenAsync(memoryOptions, embedder, cancellationToken).ConfigureAwait(false);
            var statistics = await memory.Store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            await memory.SearchAsync(new SearchRequest { Query = questions[0], Limit = 1 }, cancellationToken).ConfigureAwait(false);
            var firstSearch = clock.Elapsed.TotalMilliseconds;
            var (_, search, ask) = await WarmLatency.MeasureAsync(memory, questions, memoryOptions.Answer.Passages, null, cancellationToken).ConfigureAwait(false);

            var row = new Row(size, statistics.Chunks, statistics.Documents, firstSearch, search, ask);
            rows.Add(row);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {row.Chunks} chunks: ask p50 {Percentiles.Of(ask, 50):F1} p95 {Percentiles.Of(ask, 95):F1} p99 {Percentiles.Of(ask, 99):F1} ms; search p50 {Percentiles.Of(search, 50):F1} ms"));
        }

        var loadAfter = MachineLoad.OneMinute();
        var table = new MarkdownTable("Memory (target)", "Chunks", "Documents", "Questions", "ask p50 ms", "ask p95 ms", "ask p99 ms", "search p50 ms", "search p95 ms", "first search ms (index load)");
        foreach (var r in rows)
        {
            table.Add(Label(r.Target), r.Chunks, r.Documents, r.Ask.Count, F(Percentiles.Of(r.Ask, 50)), F(Percentiles.Of(r.Ask, 95)), F(Percentiles.Of(r.Ask, 99)),
                F(Percentiles.Of(r.Search, 50)), F(Percentiles.Of(r.Search, 95)), F(r.FirstSearch));
        }

        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Machine {MachineLoad.Describe(loadBefore, loadAfter)}.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Model {embedder.Profile.Id}, settings of `appsettings.json`; {questions.Count} SciFact train queries as questions (after {WarmLatency.WarmUp} warm-up asks), each asked once per memory: `SearchAsync` (hybrid, the {settings.Answer.Passages} passages `ask` reads), then `AskAsync` (search + extractive answer), warm, in process, one at a time.")
            .AppendLine()
            .AppendLine("How the memories are made: up to 11.6k chunks, the first SciFact documents as ingested (real text, real vectors); beyond, copies of the whole SciFact memory with new document ids, the same texts, and each chunk vector moved by Gaussian noise of norm 0.5 and renormalised (cosine ≈ 0.9 to the original), written through the store's own `SaveDocumentAsync`. So the vector index and the FTS5 index hold that many distinct rows; keyword postings grow with the copies as they would with near-duplicate news.")
            .AppendLine()
            .Append(table)
            .AppendLine()
            .AppendLine("![Ask latency as the memory grows](img/perf-growth.png)")
            .ToString();
        Console.WriteLine(body);
        if (options.WriteDocs)
        {
            var x = rows.Select(r => Math.Log10(r.Chunks)).ToArray();
            Charts.Lines(Path.Combine(workspace.Images, "perf-growth.png"), $"Ask latency as the memory grows ({Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd})",
                "chunks in the memory (log scale)", "ms",
                [("ask p50", x, rows.Select(r => Percentiles.Of(r.Ask, 50)).ToArray()),
                 ("ask p95", x, rows.Select(r => Percentiles.Of(r.Ask, 95)).ToArray()),
                 ("ask p99", x, rows.Select(r => Percentiles.Of(r.Ask, 99)).ToArray()),
                 ("search p50", x, rows.Select(r => Percentiles.Of(r.Search, 50)).ToArray())],
                rows.Select(r => (Math.Log10(r.Chunks), Label(r.Chunks))).ToList(), ScottPlot.Alignment.UpperLeft);
            DocsSection.Update(Path.Combine(workspace.Docs, "PERFORMANCE.md"), "growth", "Ask latency as the memory grows", body, options.Arguments, "growth");
        }

        return 0;
    }

    private static string Label(int chunks) => chunks >= 1000 ? $"{chunks / 1000.0:0.#}k" : chunks.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private sealed record Row(int Target, int Chunks, int Documents, double FirstSearch, List<double> Search, List<double> Ask);
}
