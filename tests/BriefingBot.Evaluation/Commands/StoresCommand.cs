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
using BriefingBot.Memory.Storage.Postgres;
using Npgsql;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// SQLite beside PostgreSQL + pgvector. At the SciFact corpus (5,183 documents): ingestion end to end with the model
/// into each store, the stores' own write throughput (the saved documents and vectors written again, no model), and
/// warm search and ask latency. Then ask latency as synthetic chunks grow (PostgreSQL with its HNSW index; SQLite with
/// its in-memory brute-force matrix up to <c>--sqlite-max</c>). Each step's figures are printed as it ends and kept
/// in <c>.artifacts/eval/stores.md</c>, so a run cut short keeps what it measured.
/// </summary>
internal sealed class StoresCommand(Workspace workspace, CommandLine options)
{
    private const int DefaultAsks = 200;
    private const string CorpusDatabase = "bench_stores_corpus";
    private const string IngestDatabase = "bench_stores_ingest";
    private const string ScaleDatabase = "bench_stores_scale";

    private readonly StringBuilder _report = new();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var server = options.Postgres ?? Environment.GetEnvironmentVariable("BRIEFINGBOT_TEST_POSTGRES")
            ?? throw new ArgumentException("stores needs a PostgreSQL server with pgvector: --postgres \"Host=...;Username=...;Database=...\" " +
                "(or BRIEFINGBOT_TEST_POSTGRES; scripts/postgres-test-server.sh start prints one).");
        var settings = Settings.Load(workspace);
        var data = SciFact.Load(workspace);
        using var embedders = new Embedders();
        var embedder = embedders.Get(settings.EmbeddingModel, settings.EmbeddingThreads);
        var questions = data.Queries.Subsample(options.Queries ?? DefaultAsks).Select(q => q.Text).ToList();

        CorpusSnapshot corpus;
        string cachedPath;
        using (var cached = await CachedCorpus.OpenAsync(workspace, SciFact.Name, Settings.Load(workspace), embedder, () => data.IngestRequests(), cancellationToken).ConfigureAwait(false))
        {
            cachedPath = ((SqliteMemoryStore)cached.Store).Path;
            corpus = await CorpusSnapshot.ReadAsync(cached.Store, cachedPath, cancellationToken).ConfigureAwait(false);
        }

        Report($"Machine: {MachineInfo.Describe()}; PostgreSQL {await ServerVersionAsync(server, cancellationToken).ConfigureAwait(false)}.");
        Report($"Load average at start: {LoadAverage()}.");
        await IngestionAsync(server, settings, data, embedder, cancellationToken).ConfigureAwait(false);
        await CorpusAsync(server, settings, corpus, embedder, questions, cancellationToken).ConfigureAwait(false);
        await ScaleAsync(server, settings, corpus, embedder, questions, cancellationToken).ConfigureAwait(false);

        if (options.WriteDocs)
        {
            DocsSection.Update(Path.Combine(workspace.Docs, "PERFORMANCE.md"), "stores", "SQLite beside PostgreSQL", _report.ToString(), options.Arguments, "stores");
        }

        return 0;
    }

    /// <summary>The first <c>--docs</c> SciFact documents through the whole pipeline (model included) into a fresh store of each kind.</summary>
    private async Task IngestionAsync(string server, MemoryOptions settings, SciFact data, OnnxEmbeddingGenerator embedder, CancellationToken cancellationToken)
    {
        var table = new MarkdownTable("Store", "Documents", "Chunks", "Seconds", "Documents/s", "Chunks/s");
        await IngestOnceAsync(await FreshSqliteAsync("stores-warmup", cancellationToken).ConfigureAwait(false), settings, data, embedder, cancellationToken).ConfigureAwait(false);
        foreach (var (name, open) in new (string, Func<Task<IMemoryStore>>)[]
        {
            ("SQLite", () => FreshSqliteAsync("stores-ingest", cancellationToken)),
            ("PostgreSQL", () => FreshPostgresAsync(server, IngestDatabase, cancellationToken)),
        })
        {
            var (documents, chunks, seconds) = await IngestOnceAsync(await open().ConfigureAwait(false), settings, data, embedder, cancellationToken).ConfigureAwait(false);
            table.Add(name, documents, chunks, Fixed(seconds, 1), Fixed(documents / seconds, 1), Fixed(chunks / seconds, 0));
        }

        Report($"### Ingestion end to end (model included), first {options.Docs} SciFact documents\n\n{table}\nLoad average after: {LoadAverage()}.");
    }

    private async Task<(int Documents, int Chunks, double Seconds)> IngestOnceAsync(
        IMemoryStore store, MemoryOptions settings, SciFact data, OnnxEmbeddingGenerator embedder, CancellationToken cancellationToken)
    {
        await store.InitializeAsync(embedder.Profile.Id, embedder.Profile.Dimensions, cancellationToken).ConfigureAwait(false);
        using var memory = Open(store, settings, embedder);
        var (documents, chunks) = (0, 0);
        var clock = Stopwatch.StartNew();
        await foreach (var result in memory.IngestAsync(data.IngestRequests(options.Docs), cancellationToken).ConfigureAwait(false))
        {
            if (result.Outcome == IngestOutcome.Failed)
            {
                throw new InvalidOperationException($"{result.DocumentId}: {result.Error}");
            }

            documents++;
            chunks += result.Chunks;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        store.Dispose();
        return (documents, chunks, seconds);
    }

    /// <summary>The whole SciFact corpus, saved vectors and all, written into a fresh store of each kind; then warm latency over each.</summary>
    private async Task CorpusAsync(string server, MemoryOptions settings, CorpusSnapshot corpus, OnnxEmbeddingGenerator embedder, List<string> questions, CancellationToken cancellationToken)
    {
        var writes = new MarkdownTable("Store", "Documents", "Chunks", "Seconds", "Documents/s", "Chunks/s");
        var latency = new MarkdownTable("Store", "Operation", "Calls", "p50 ms", "p95 ms", "p99 ms", "mean ms");
        foreach (var (name, open) in new (string, Func<Task<IMemoryStore>>)[]
        {
            ("SQLite", () => FreshSqliteAsync("stores-corpus", cancellationToken)),
            ("PostgreSQL", () => FreshPostgresAsync(server, CorpusDatabase, cancellationToken)),
        })
        {
            using var store = await open().ConfigureAwait(false);
            await store.InitializeAsync(embedder.Profile.Id, embedder.Profile.Dimensions, cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            foreach (var document in corpus.Documents)
            {
                await store.SaveDocumentAsync(document.Info, document.Text, document.Chunks, null, cancellationToken).ConfigureAwait(false);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            if (store is PostgresMemoryStore postgres)
            {
                await ExecuteAsync(postgres, "VACUUM ANALYZE chunks, chunk_terms", cancellationToken).ConfigureAwait(false);
            }

            writes.Add(name, corpus.Documents.Count, corpus.Chunks, Fixed(seconds, 1), Fixed(corpus.Documents.Count / seconds, 0), Fixed(corpus.Chunks / seconds, 0));
            using var memory = Open(store, settings, embedder);
            var measured = await WarmLatency.MeasureAsync(memory, questions, settings.Answer.Passages, null, cancellationToken).ConfigureAwait(false);
            foreach (var (operation, values) in new[] { ("search (hybrid)", measured.Search), ("ask (search + answer)", measured.Ask) })
            {
                latency.Add(name, operation, values.Count, Fixed(Percentiles.Of(values, 50), 1), Fixed(Percentiles.Of(values, 95), 1),
                    Fixed(Percentiles.Of(values, 99), 1), Fixed(values.Average(), 1));
            }

            Console.Error.WriteLine($"  {name}: corpus written in {seconds:F1} s and measured");
        }

        Report($"### Store writes: the SciFact corpus with its saved vectors (no model), one transaction per document\n\n{writes}");
        Report($"### Warm latency over the SciFact corpus ({corpus.Documents.Count} documents, {corpus.Chunks} chunks)\n\n{latency}\nLoad average after: {LoadAverage()}.");
    }

    /// <summary>
    /// Grows one PostgreSQL memory and one SQLite memory with synthetic chunks, step by step to each of <c>--sizes</c>
    /// chunks, and measures warm latency at each step. PostgreSQL loads without its HNSW index and builds it after each
    /// step (the fast way to bulk-load); SQLite is reopened so its in-memory matrix is loaded afresh.
    /// </summary>
    private async Task ScaleAsync(string server, MemoryOptions settings, CorpusSnapshot corpus, OnnxEmbeddingGenerator embedder, List<string> questions, CancellationToken cancellationToken)
    {
        var synthetic = new SyntheticChunks(corpus);
        var table = new MarkdownTable("Store", "Chunks", "Load s", "Index build s", "Open + first ask ms", "search p50 ms", "search p95 ms", "ask p50 ms", "ask p95 ms", "Process memory MB", "Load average");
        var sqliteFolder = Path.Combine(workspace.Artifacts, "stores-scale");
        (await FreshPostgresAsync(server, ScaleDatabase, cancellationToken).ConfigureAwait(false)).Dispose();

        using (var sqliteFresh = await FreshSqliteAsync("stores-scale", cancellationToken).ConfigureAwait(false))
        {
            await sqliteFresh.InitializeAsync(embedder.Profile.Id, embedder.Profile.Dimensions, cancellationToken).ConfigureAwait(false);
        }

        var scaleConnection = new NpgsqlConnectionStringBuilder(server) { Database = ScaleDatabase, CommandTimeout = 0 }.ToString();
        var (postgresDocuments, sqliteDocuments) = (0, 0);
        foreach (var size in options.Sizes ?? [100_000, 250_000, 500_000, 1_000_000])
        {
            var target = (int)Math.Ceiling(size / (double)SyntheticChunks.ChunksPerDocument);
            using (var store = new PostgresMemoryStore(scaleConnection, settings.PostgresEfSearch))
            {
                await store.InitializeAsync(embedder.Profile.Id, embedder.Profile.Dimensions, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(store, "DROP INDEX IF EXISTS chunks_embedding_hnsw", cancellationToken).ConfigureAwait(false);
                var load = Stopwatch.StartNew();
                for (; postgresDocuments < target; postgresDocuments++)
                {
                    var document = synthetic.Document(postgresDocuments);
                    await store.SaveDocumentAsync(document.Info, document.Text, document.Chunks, null, cancellationToken).ConfigureAwait(false);
                }

                var loadSeconds = load.Elapsed.TotalSeconds;
                var build = Stopwatch.StartNew();
                await ExecuteAsync(store,
                    """
                    SET maintenance_work_mem = '6GB';
                    SET max_parallel_maintenance_workers = 2;
                    CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops);
                    """, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(store, "VACUUM ANALYZE chunks, chunk_terms", cancellationToken).ConfigureAwait(false);
                var buildSeconds = build.Elapsed.TotalSeconds;
                Console.Error.WriteLine($"  PostgreSQL {size}: loaded in {loadSeconds:F0} s, index built in {buildSeconds:F0} s");
                await AddScaleRowAsync(table, "PostgreSQL (HNSW)", store, settings, embedder, questions, loadSeconds, buildSeconds, cancellationToken).ConfigureAwait(false);
            }

            if (size <= options.SqliteMax)
            {
                var path = Path.Combine(sqliteFolder, "memory.db");
                var load = Stopwatch.StartNew();
                using (var writer = new SqliteMemoryStore(path))
                {
                    await writer.InitializeAsync(embedder.Profile.Id, embedder.Profile.Dimensions, cancellationToken).ConfigureAwait(false);
                    for (; sqliteDocuments < target; sqliteDocuments++)
                    {
                        var document = synthetic.Document(sqliteDocuments);
                        await writer.SaveDocumentAsync(document.Info, document.Text, document.Chunks, null, cancellationToken).ConfigureAwait(false);
                    }
                }

                var loadSeconds = load.Elapsed.TotalSeconds;
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                using var store = new SqliteMemoryStore(path);
                await store.InitializeAsync(embedder.Profile.Id, embedder.Profile.Dimensions, cancellationToken).ConfigureAwait(false);
                Console.Error.WriteLine($"  SQLite {size}: loaded in {loadSeconds:F0} s");
                await AddScaleRowAsync(table, "SQLite (in-memory matrix)", store, settings, embedder, questions, loadSeconds, null, cancellationToken).ConfigureAwait(false);
            }

            Report($"### Ask latency as synthetic chunks grow (step to {size} chunks)\n\n{table}", final: false);
        }

        Report($"### Ask latency as synthetic chunks grow\n\n{table}");
    }

    private async Task AddScaleRowAsync(MarkdownTable table, string name, IMemoryStore store, MemoryOptions settings, OnnxEmbeddingGenerator embedder,
        List<string> questions, double loadSeconds, double? buildSeconds, CancellationToken cancellationToken)
    {
        using var memory = Open(store, settings, embedder);
        var first = Stopwatch.StartNew();
        await memory.AskAsync(questions[0], cancellationToken: cancellationToken).ConfigureAwait(false);
        var firstMs = first.Elapsed.TotalMilliseconds;
        var (_, search, ask) = await WarmLatency.MeasureAsync(memory, questions, settings.Answer.Passages, null, cancellationToken).ConfigureAwait(false);
        var statistics = await store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        table.Add(name, statistics.Chunks, Fixed(loadSeconds, 0), buildSeconds is { } b ? Fixed(b, 0) : "—", Fixed(firstMs, 0),
            Fixed(Percentiles.Of(search, 50), 1), Fixed(Percentiles.Of(search, 95), 1), Fixed(Percentiles.Of(ask, 50), 1), Fixed(Percentiles.Of(ask, 95), 1),
            Fixed(Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024), 0), LoadAverage());
        Console.Error.WriteLine($"    {name} at {statistics.Chunks} chunks: search p50 {Percentiles.Of(search, 50):F1} ms, ask p50 {Percentiles.Of(ask, 50):F1} ms");
    }

    private static BriefingMemory Open(IMemoryStore store, MemoryOptions settings, OnnxEmbeddingGenerator embedder) =>
        new(store, embedder, embedder, new TextExtraction(DefaultExtractors.Create(), settings.MaxFileBytes), settings, TimeProvider.System);

    private async Task<IMemoryStore> FreshSqliteAsync(string name, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workspace.Artifacts, name);
        if (Directory.Exists(folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        await Task.CompletedTask.ConfigureAwait(false);
        return new SqliteMemoryStore(Path.Combine(folder, "memory.db"));
    }

    private static async Task<IMemoryStore> FreshPostgresAsync(string server, string database, CancellationToken cancellationToken)
    {
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new PostgresMemoryStore(new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 0 }.ToString());
    }

    private static async Task ExecuteAsync(PostgresMemoryStore store, string sql, CancellationToken cancellationToken)
    {
        await using var command = store.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> ServerVersionAsync(string server, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version') || ', pgvector ' || coalesce((SELECT extversion FROM pg_extension WHERE extname = 'vector'), '?') || ', shared_buffers ' || current_setting('shared_buffers')", connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private void Report(string section, bool final = true)
    {
        Console.WriteLine(section);
        Console.WriteLine();
        var path = Path.Combine(workspace.Artifacts, "stores.md");
        if (final)
        {
            _report.AppendLine(section).AppendLine();
            File.WriteAllText(path, _report.ToString());
        }
        else
        {
            File.WriteAllText(path, _report + section + "\n");
        }
    }

    private static string LoadAverage() =>
        MachineLoad.OneMinute() is { } load ? load.ToString("F2", CultureInfo.InvariantCulture) : "?";

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
