using BriefingBot.Memory.Storage.Sqlite;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Ingestion.Extraction;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.Tests.Support;
using Npgsql;

namespace BriefingBot.Memory.Tests.Storage;

/// <summary>
/// SQLite beside PostgreSQL on the SciFact corpus (5,183 abstracts): ingest throughput, warm ask latency and nDCG@10
/// of the hybrid search on the train queries, with identical vectors on both sides. It takes minutes, so it runs only
/// with <c>BRIEFINGBOT_STORE_BENCHMARK=1</c>; <c>BRIEFINGBOT_STORE_BENCHMARK_DOCS=N</c> keeps the first N documents (and
/// the queries answered by them). The report goes to .artifacts/store-benchmark.md.
/// </summary>
public sealed class StoreComparisonBenchmark
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SciFact_OnSqliteAndPostgres_SameQualityWithinHalfAPoint()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("BRIEFINGBOT_STORE_BENCHMARK") == "1", "Runs only with BRIEFINGBOT_STORE_BENCHMARK=1 (takes minutes).");
        Assert.SkipWhen(SharedData.Folder is null, SharedData.SkipReason);
        Assert.SkipWhen(TestPostgres.ConnectionString is null, TestPostgres.SkipReason);
        var corpus = ReadCorpus();
        if (int.TryParse(Environment.GetEnvironmentVariable("BRIEFINGBOT_STORE_BENCHMARK_DOCS"), CultureInfo.InvariantCulture, out var take) && take < corpus.Count)
        {
            corpus = corpus.Take(take).ToList();
        }

        var ids = corpus.Select(d => d.Id).ToHashSet();
        var queries = ReadQueries().Where(q => q.Relevant.IsSubsetOf(ids)).ToList();
        var embedder = new CachingEmbeddingGenerator(TestMemory.Embedder);
        var report = new StringBuilder();
        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-tests", Guid.NewGuid().ToString("N"));
        var database = "benchmark_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(TestPostgres.ConnectionString!, $"CREATE DATABASE {database}");
        try
        {
            var warm = Stopwatch.StartNew();
            using (var warming = Open(new SqliteMemoryStore(Path.Combine(folder, "warm.db")), embedder))
            {
                await warming.Store.InitializeAsync(TestMemory.Embedder.Profile.Id, TestMemory.Embedder.Profile.Dimensions, Ct);
                await IngestAsync(warming, corpus);
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"SciFact: {corpus.Count} documents, {queries.Count} train queries whose relevant documents are all among them.");
            report.AppendLine(CultureInfo.InvariantCulture, $"Embedding and storing {corpus.Count} documents once (SQLite, model included): {warm.Elapsed.TotalSeconds:0.0} s");
            var postgresConnection = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = database }.ToString();
            var results = new List<(string Name, double Ingest, int Chunks, double P50, double P95, double Ndcg)>();
            foreach (var (name, store) in new (string, IMemoryStore)[]
            {
                ("SQLite", new SqliteMemoryStore(Path.Combine(folder, "memory.db"))),
                ("PostgreSQL", new PostgresMemoryStore(postgresConnection)),
            })
            {
                using var owned = store;
                using var memory = Open(store, embedder);
                await store.InitializeAsync(TestMemory.Embedder.Profile.Id, TestMemory.Embedder.Profile.Dimensions, Ct);
                var ingest = Stopwatch.StartNew();
                await IngestAsync(memory, corpus);
                var ingestSeconds = ingest.Elapsed.TotalSeconds;
                var ndcg = 0.0;
                foreach (var mode in new[] { RetrievalMode.Vector, RetrievalMode.Keyword, RetrievalMode.Hybrid })
                {
                    using var searching = Open(store, embedder, mode);
                    ndcg = 0.0;
                    foreach (var (_, text, relevant) in queries)
                    {
                        var hits = (await searching.SearchAsync(new SearchRequest { Query = text, Limit = 10, OnePerDocument = true }, Ct)).Hits;
                        ndcg += Ndcg(hits.Select(h => h.Document.Id).ToList(), relevant);
                    }

                    report.AppendLine(CultureInfo.InvariantCulture, $"- {name}, {mode} search: nDCG@10 {ndcg / queries.Count:0.0000}");
                }

                var latencies = new List<double>();
                foreach (var (_, text, _) in queries.Take(120))
                {
                    var watch = Stopwatch.StartNew();
                    await memory.AskAsync(text, cancellationToken: Ct);
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }

                latencies = latencies.Skip(20).Order().ToList();
                results.Add((name, ingestSeconds, (await store.GetStatisticsAsync(Ct)).Chunks,
                    latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.95)], ndcg / queries.Count));
            }

            report.AppendLine();
            report.AppendLine("| store | ingest (cached vectors) | docs/s | chunks | warm ask p50 | warm ask p95 | nDCG@10 (train, hybrid) |");
            report.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var r in results)
            {
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Name} | {r.Ingest:0.0} s | {corpus.Count / r.Ingest:0} | {r.Chunks} | {r.P50:0.0} ms | {r.P95:0.0} ms | {r.Ndcg:0.0000} |");
            }

            Directory.CreateDirectory(RepositoryArtifacts);
            await File.WriteAllTextAsync(Path.Combine(RepositoryArtifacts, "store-benchmark.md"), report.ToString(), Ct);
            TestContext.Current.SendDiagnosticMessage(report.ToString());
            Assert.Equal(results[0].Chunks, results[1].Chunks);
            Assert.InRange(Math.Abs(results[0].Ndcg - results[1].Ndcg), 0, 0.005);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(TestPostgres.ConnectionString!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            SqliteMemoryStoreCleanup(folder);
        }
    }

    private static string RepositoryArtifacts => Path.Combine(RepositoryFiles.Root, ".artifacts");

    private static BriefingMemory Open(IMemoryStore store, CachingEmbeddingGenerator embedder, RetrievalMode mode = RetrievalMode.Hybrid) =>
        new(store, embedder, TestMemory.Embedder, new TextExtraction(DefaultExtractors.Create(), 50L * 1024 * 1024),
            new MemoryOptions { Search = new SearchOptions { Mode = mode } }, TimeProvider.System);

    private static async Task IngestAsync(BriefingMemory memory, List<(string Id, string Title, string Text)> corpus)
    {
        var requests = corpus.Select(d => IngestRequest.FromText(d.Text, d.Id, d.Title)).ToAsyncEnumerable();
        await foreach (var result in memory.IngestAsync(requests, Ct))
        {
            Assert.NotEqual(IngestOutcome.Failed, result.Outcome);
        }
    }

    private static double Ndcg(List<string> ranked, HashSet<string> relevant)
    {
        var dcg = ranked.Take(10).Select((id, i) => relevant.Contains(id) ? 1 / Math.Log2(i + 2) : 0).Sum();
        var ideal = Enumerable.Range(0, Math.Min(10, relevant.Count)).Sum(i => 1 / Math.Log2(i + 2));
        return dcg / ideal;
    }

    private static List<(string Id, string Title, string Text)> ReadCorpus() =>
        [.. new[] { "corpus.part1.jsonl", "corpus.part2.jsonl", "corpus.part3.jsonl" }
            .SelectMany(part => File.ReadLines(SharedData.Path("eval", "scifact", part)))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (e.GetProperty("_id").GetString()!, e.GetProperty("title").GetString()!, e.GetProperty("text").GetString()!))
            .Where(d => d.Item3.Length > 0)];

    private static List<(string Id, string Text, HashSet<string> Relevant)> ReadQueries()
    {
        var relevant = File.ReadLines(SharedData.Path("eval", "scifact", "qrels", "train.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .GroupBy(f => f[0], f => f[1])
            .ToDictionary(g => g.Key, g => g.ToHashSet());
        return [.. File.ReadLines(SharedData.Path("eval", "scifact", "queries-train.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (e.GetProperty("_id").GetString()!, e.GetProperty("text").GetString()!))
            .Where(q => relevant.ContainsKey(q.Item1))
            .Select(q => (q.Item1, q.Item2, relevant[q.Item1]))];
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void SqliteMemoryStoreCleanup(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere in the run; the temp folder is cleaned by the OS.
        }
    }
}
