using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Retrieval;

/// <summary>
/// Fusion of rankings: weighted reciprocal rank, score(d) = Σ weight / (k + rank(d)) with ranks from 1; or a convex
/// combination of scores min–max normalised within each ranking.
/// </summary>
public static class RankFusion
{
    public static List<(long ChunkId, float Score)> Fuse(
        IReadOnlyList<(IReadOnlyList<ScoredChunk> Ranking, float Weight)> rankings, int k)
    {
        var scores = new Dictionary<long, float>();
        foreach (var (ranking, weight) in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                var id = ranking[rank].ChunkId;
                scores[id] = scores.GetValueOrDefault(id) + weight / (k + rank + 1);
            }
        }

        return scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
    }

    public static List<(long ChunkId, float Score)> Convex(IReadOnlyList<(IReadOnlyList<ScoredChunk> Ranking, float Weight)> rankings)
    {
        var scores = new Dictionary<long, float>();
        foreach (var (ranking, weight) in rankings)
        {
            if (ranking.Count == 0)
            {
                continue;
            }

            var max = float.MinValue;
            var min = float.MaxValue;
            foreach (var chunk in ranking)
            {
                max = Math.Max(max, chunk.Score);
                min = Math.Min(min, chunk.Score);
            }

            var range = Math.Max(max - min, 1e-9f);
            foreach (var chunk in ranking)
            {
                scores[chunk.ChunkId] = scores.GetValueOrDefault(chunk.ChunkId) + weight * (chunk.Score - min) / range;
            }
        }

        return scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)).ToList();
    }
}
