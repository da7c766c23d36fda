using BriefingBot.Evaluation.Data;
using BriefingBot.Evaluation.Metrics;
using BriefingBot.Evaluation.Reporting;
using BriefingBot.Memory;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Language;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Evaluation.Commands;

/// <summary>
/// Tunes hybrid fusion on cached rankings: each query's vector and BM25 rankings are fetched once from the store, then
/// fused offline under many settings (RRF k, weights, candidate depth, and a convex combination of min–max normalised
/// scores) and scored by nDCG@10 and recall@100 at document level.
/// </summary>
internal static class FusionSweep
{
    private const int Depth = 400;

    public static async Task<string> RunAsync(
        BriefingMemory memory, OnnxEmbeddingGenerator embedder, IReadOnlyList<SciFactQuery> queries, SearchOptions current, CancellationToken cancellationToken)
    {
        var cached = new List<(SciFactQuery Query, IReadOnlyList<ScoredChunk> Vector, IReadOnlyList<ScoredChunk> Keyword)>();
        var documentOf = new Dictionary<long, string>();
        foreach (var query in queries)
        {
            var vector = (await embedder.GenerateAsync([query.Text], EmbeddingPurpose.QueryOptions, cancellationToken).ConfigureAwait(false))[0].Vector;
            var byVector = await memory.Store.VectorSearchAsync(vector, MemoryFilter.None, Depth, cancellationToken).ConfigureAwait(false);
            var byKeyword = await memory.Store.KeywordSearchAsync(QueryTerms.ContentWords(query.Text), MemoryFilter.None, Depth, cancellationToken).ConfigureAwait(false);
            var missing = byVector.Concat(byKeyword).Select(c => c.ChunkId).Where(id => !documentOf.ContainsKey(id)).Distinct().ToList();
            foreach (var chunk in await memory.Store.GetChunksAsync(missing, cancellationToken).ConfigureAwait(false))
            {
                documentOf[chunk.Id] = chunk.DocumentId;
            }

            cached.Add((query, byVector, byKeyword));
        }

        var variants = new List<(string Name, double Ndcg, double Recall)>();
        void Score(string name, Func<IReadOnlyList<ScoredChunk>, IReadOnlyList<ScoredChunk>, IEnumerable<long>> fuse)
        {
            double ndcg = 0, recall = 0;
            foreach (var (query, byVector, byKeyword) in cached)
            {
                var ranked = fuse(byVector, byKeyword).Select(id => documentOf[id]).Distinct().Take(100).ToList();
                ndcg += RankingMetrics.Ndcg(ranked, query.Relevant, 10);
                recall += RankingMetrics.Recall(ranked, query.Relevant, 100);
            }

            variants.Add((name, ndcg / cached.Count, recall / cached.Count));
        }

        Score("vector only", (v, _) => v.Select(c => c.ChunkId));
        Score("keyword only", (_, k) => k.Select(c => c.ChunkId));
        foreach (var depth in new[] { 60, 100, 200, 400 })
        {
            foreach (var k in new[] { 5, 10, 20, 40, 60, 100 })
            {
                foreach (var (wv, wk) in new[] { (1f, 1f), (1.5f, 1f), (1f, 1.5f), (2f, 1f), (1f, 2f) })
                {
                    Score(Name($"RRF k={k}, weights vector {wv} / keyword {wk}, depth {depth}", current, k, wv, wk, depth),
                        (v, kw) => RankFusion.Fuse([(v.Take(depth).ToList(), wv), (kw.Take(depth).ToList(), wk)], k).Select(f => f.ChunkId));
                }
            }
        }

        foreach (var k in new[] { 10, 20, 60 })
        {
            foreach (var (wv, wk) in new[] { (1f, 1f), (1.5f, 1f), (1f, 1.5f) })
            {
                Score($"document-level RRF k={k}, weights vector {wv} / keyword {wk}, depth 400",
                    (v, kw) => RankFusion.Fuse([(BestPerDocument(v, documentOf), wv), (BestPerDocument(kw, documentOf), wk)], k).Select(f => f.ChunkId));
            }
        }

        foreach (var depth in new[] { 100, 400 })
        {
            foreach (var alpha in new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 })
            {
                Score($"convex α={alpha:0.0} (vector share, min–max scores), depth {depth}",
                    (v, kw) => Convex(v.Take(depth).ToList(), kw.Take(depth).ToList(), alpha));
            }
        }

        var table = new MarkdownTable("Fusion", "nDCG@10", "Recall@100");
        foreach (var (name, ndcg, recall) in variants.OrderByDescending(v => v.Ndcg).Take(12))
        {
            table.Add(name, ndcg, recall);
        }

        foreach (var (name, ndcg, recall) in variants.Where(v => v.Name.EndsWith('*') || v.Name.EndsWith("only", StringComparison.Ordinal)))
        {
            table.Add(name, ndcg, recall);
        }

        return $"{cached.Count} queries; rankings of {Depth} chunks per retriever fetched once, fused offline; * marks the current settings.\n\n{table}\n";
    }

    private static string Name(string name, SearchOptions current, int k, float wv, float wk, int depth) =>
        current.FusionK == k && current.VectorWeight == wv && current.KeywordWeight == wk && current.Candidates == depth ? name + " *" : name;

    /// <summary>The ranking with only the first (best) chunk of each document, so fusion ranks documents, not chunks.</summary>
    private static List<ScoredChunk> BestPerDocument(IReadOnlyList<ScoredChunk> ranking, Dictionary<long, string> documentOf)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return ranking.Where(c => seen.Add(documentOf[c.ChunkId])).ToList();
    }

    private static IEnumerable<long> Convex(IReadOnlyList<ScoredChunk> byVector, IReadOnlyList<ScoredChunk> byKeyword, double alpha)
    {
        var scores = new Dictionary<long, double>();
        void Add(IReadOnlyList<ScoredChunk> ranking, double weight)
        {
            if (ranking.Count == 0)
            {
                return;
            }

            var max = ranking.Max(c => c.Score);
            var min = ranking.Min(c => c.Score);
            var range = Math.Max(max - min, 1e-9f);
            foreach (var c in ranking)
            {
                scores[c.ChunkId] = scores.GetValueOrDefault(c.ChunkId) + weight * (c.Score - min) / range;
            }
        }

        Add(byVector, alpha);
        Add(byKeyword, 1 - alpha);
        return scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key);
    }
}
