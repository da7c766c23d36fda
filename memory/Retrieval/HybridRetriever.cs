using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Language;
using Microsoft.Extensions.AI;

namespace BriefingBot.Memory.Retrieval;

/// <summary>
/// Hybrid retrieval: the query's vector ranking and its BM25 ranking over title and text, fused (by default a convex
/// combination of their min–max normalised scores, or reciprocal rank fusion);
/// then the minimum relevance, near-duplicate removal and, on request, one chunk per document.
/// </summary>
public sealed class HybridRetriever(IMemoryStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, SearchOptions options)
{
    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = request.Query.Trim();
        if (query.Length == 0)
        {
            return new SearchResult(query, [], ReadOnlyMemory<float>.Empty);
        }

        // The front ends refuse a longer question; whatever reaches here (a follow-up made standalone, a library
        // caller) is cut to the limit, so the work of one search is bounded.
        if (query.Length > options.MaxQuestionCharacters)
        {
            query = query[..options.MaxQuestionCharacters];
        }

        var vector = (await embedder.GenerateAsync([query], EmbeddingPurpose.QueryOptions, cancellationToken).ConfigureAwait(false))[0].Vector;
        var depth = Math.Max(options.Candidates, request.Limit * (request.OnePerDocument ? 4 : 2));
        var rankings = new List<(IReadOnlyList<ScoredChunk>, float)>();
        IReadOnlyList<ScoredChunk> byVector = [];
        IReadOnlyList<ScoredChunk> byKeyword = [];
        if (options.Mode != RetrievalMode.Keyword)
        {
            byVector = await store.VectorSearchAsync(vector, request.Filter, depth, cancellationToken).ConfigureAwait(false);
            rankings.Add((byVector, options.VectorWeight));
        }

        if (options.Mode != RetrievalMode.Vector)
        {
            byKeyword = await store.KeywordSearchAsync(options.KeywordTerms(query), request.Filter, depth, cancellationToken).ConfigureAwait(false);
            rankings.Add((byKeyword, options.KeywordWeight));
        }

        var fused = options.Fusion == FusionMethod.Convex ? RankFusion.Convex(rankings) : RankFusion.Fuse(rankings, options.FusionK);
        var similarity = await store.SimilaritiesAsync(vector, fused.Select(f => f.ChunkId).ToList(), cancellationToken).ConfigureAwait(false);
        var candidates = fused
            .Where(f => similarity.GetValueOrDefault(f.ChunkId, -1f) >= request.MinRelevance)
            .Take(depth)
            .ToList();
        var chunks = (await store.GetChunksAsync(candidates.Select(c => c.ChunkId).ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Id);
        var vectorRank = Ranks(byVector);
        var keywordRank = Ranks(byKeyword);
        var documents = new Dictionary<string, DocumentInfo?>(StringComparer.Ordinal);
        var hits = new List<SearchHit>();
        var kept = new List<HashSet<string>>();
        foreach (var (id, score) in candidates)
        {
            if (hits.Count >= request.Limit)
            {
                break;
            }

            if (!chunks.TryGetValue(id, out var chunk) || (request.OnePerDocument && hits.Any(h => h.Chunk.DocumentId == chunk.DocumentId)))
            {
                continue;
            }

            var words = QueryTerms.Words(chunk.Text).ToHashSet(StringComparer.Ordinal);
            if (kept.Any(k => Overlap(k, words) >= options.DuplicateOverlap))
            {
                continue;
            }

            if (!documents.TryGetValue(chunk.DocumentId, out var document))
            {
                documents[chunk.DocumentId] = document = await store.GetDocumentAsync(chunk.DocumentId, cancellationToken).ConfigureAwait(false);
            }

            if (document is null)
            {
                continue; // deleted between the ranking and now
            }

            kept.Add(words);
            hits.Add(new SearchHit
            {
                Chunk = chunk,
                Document = document,
                Score = score,
                Relevance = similarity.GetValueOrDefault(id),
                VectorRank = vectorRank.TryGetValue(id, out var v) ? v : null,
                KeywordRank = keywordRank.TryGetValue(id, out var k2) ? k2 : null,
            });
        }

        return new SearchResult(query, hits, vector);
    }

    private static Dictionary<long, int> Ranks(IReadOnlyList<ScoredChunk> ranking)
    {
        var ranks = new Dictionary<long, int>(ranking.Count);
        for (var i = 0; i < ranking.Count; i++)
        {
            ranks[ranking[i].ChunkId] = i + 1;
        }

        return ranks;
    }

    /// <summary>Share of the smaller word set found in the larger one.</summary>
    private static float Overlap(HashSet<string> a, HashSet<string> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        if (small.Count == 0)
        {
            return 0;
        }

        var shared = small.Count(large.Contains);
        return (float)shared / small.Count;
    }
}
