using System.Diagnostics;
using System.Text;
using BriefingBot.Evaluation.Data;
using BriefingBot.Evaluation.Metrics;
using BriefingBot.Evaluation.Reporting;
using BriefingBot.Memory;
using BriefingBot.Memory.Retrieval;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// BEIR SciFact, train queries: nDCG@10 and recall@100 at document level (the best chunk of each document) for
/// keyword-only, vector-only and hybrid retrieval, for each embedding model, through <see cref="BriefingMemory.SearchAsync"/>.
/// </summary>
internal sealed class RetrievalCommand(Workspace workspace, CommandLine options)
{
    private readonly RetrievalMode[] _modes = options.Modes is { } named
        ? named.Select(m => Enum.TryParse<RetrievalMode>(m, ignoreCase: true, out var mode) ? mode : throw new ArgumentException($"Unknown retrieval mode '{m}'.")).ToArray()
        : [RetrievalMode.Keyword, RetrievalMode.Vector, RetrievalMode.Hybrid];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var data = SciFact.Load(workspace);
        HashSet<string>? within = null;
        if (options.CorpusDocs is { } corpusDocs)
        {
            within = data.Documents.Take(corpusDocs).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            data = data with { Queries = data.Queries.Where(q => q.Relevant.Keys.All(within.Contains)).ToList() };
        }

        data = data with { Queries = data.Queries.Subsample(options.Queries).ToList() };
        Console.Error.WriteLine($"SciFact: {within?.Count ?? data.Documents.Count} documents, {data.Queries.Count} train queries with judgements");
        using var embedders = new Embedders();
        var results = new List<RetrievalScore>();
        var sweeps = new StringBuilder();
        foreach (var model in options.Models)
        {
            foreach (var mode in _modes)
            {
                var settings = Settings.Load(workspace);
                settings.EmbeddingModel = model;
                settings.Search.Mode = mode;
                using var memory = await CachedCorpus.OpenAsync(
                    workspace, SciFact.Name, settings, embedders.Get(model), () => data.IngestRequests(), cancellationToken, options.NoIngest).ConfigureAwait(false);
                var score = await ScoreAsync(memory, model, mode, data.Queries, within, cancellationToken).ConfigureAwait(false);
                results.Add(score);
                Console.Error.WriteLine($"  {model} {mode}: nDCG@10 {score.Ndcg10:F3}, recall@100 {score.Recall100:F3}, {score.MillisecondsPerQuery:F1} ms/query");
            }

            if (options.Sweep)
            {
                var settings = Settings.Load(workspace);
                settings.EmbeddingModel = model;
                using var memory = await CachedCorpus.OpenAsync(
                    workspace, SciFact.Name, settings, embedders.Get(model), () => data.IngestRequests(), cancellationToken, options.NoIngest).ConfigureAwait(false);
                var sweep = await FusionSweep.RunAsync(memory, embedders.Get(model), data.Queries, settings.Search, cancellationToken).ConfigureAwait(false);
                sweeps.AppendLine($"### Fusion sweep, {model}").AppendLine().Append(sweep);
            }
        }

        var table = new MarkdownTable("Model", "Retrieval", "nDCG@10", "Recall@100", "Queries", "ms/query");
        foreach (var r in results)
        {
            table.Add(r.Model, r.Mode, r.Ndcg10, r.Recall100, r.Queries, r.MillisecondsPerQuery.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        }

        Console.WriteLine(table);
        if (sweeps.Length > 0)
        {
            Console.WriteLine(sweeps);
        }

        if (options.WriteDocs)
        {
            var suffix = within is null ? "" : "-subcorpus";
            var chart = Path.Combine(workspace.Images, $"retrieval-ndcg{suffix}.png");
            Charts.GroupedBars(chart, "SciFact train: nDCG@10 by retrieval mode", "nDCG@10",
                _modes.Select(m => m.ToString()).ToList(),
                options.Models.Select(m => (m, _modes.Select(mode => results.First(r => r.Model == m && r.Mode == mode).Ndcg10).ToArray())).ToList());
            var body = new StringBuilder()
                .AppendLine("Document level (the best chunk of each document, `SearchRequest.OnePerDocument`), through `BriefingMemory.SearchAsync` ")
                .AppendLine("with the settings of `appsettings.json` except the model and `Search:Mode`. Published figures on the 300 *test* queries: ")
                .AppendLine("BM25 0.665 (BEIR), 0.679 (Anserini, title + text); all-MiniLM-L6-v2 0.645 (MTEB).")
                .AppendLine()
                .AppendLine(within is null ? "" : $"Sub-corpus: the first {within.Count} documents only, and the {data.Queries.Count} queries whose judged documents all lie within them.")
                .Append(table)
                .AppendLine()
                .AppendLine($"![nDCG@10 by retrieval mode and model](img/retrieval-ndcg{suffix}.png)")
                .AppendLine()
                .Append(sweeps);
            DocsSection.Update(Path.Combine(workspace.Docs, "EVALUATION.md"), "retrieval" + suffix,
                within is null ? "Retrieval: SciFact" : $"Retrieval: SciFact, first {within.Count} documents", body.ToString(), options.Arguments, "retrieval");
        }

        return 0;
    }

    private static async Task<RetrievalScore> ScoreAsync(
        BriefingMemory memory, string model, RetrievalMode mode, IReadOnlyList<SciFactQuery> queries, HashSet<string>? within, CancellationToken cancellationToken)
    {
        double ndcg = 0, recall = 0;
        var clock = Stopwatch.StartNew();
        foreach (var query in queries)
        {
            var result = await memory.SearchAsync(new SearchRequest { Query = query.Text, Limit = 100, OnePerDocument = true }, cancellationToken).ConfigureAwait(false);
            var ranked = result.Hits.Select(h => h.Chunk.DocumentId).Where(d => within is null || within.Contains(d)).ToList();
            ndcg += RankingMetrics.Ndcg(ranked, query.Relevant, 10);
            recall += RankingMetrics.Recall(ranked, query.Relevant, 100);
        }

        return new RetrievalScore(model, mode, ndcg / queries.Count, recall / queries.Count, queries.Count, clock.Elapsed.TotalMilliseconds / queries.Count);
    }
}
