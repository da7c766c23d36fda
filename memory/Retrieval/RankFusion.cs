using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Retrieval;

/// <summary>Weighted reciprocal rank fusion: score(d) = Σ weight / (k + rank(d)), ranks from 1.</summary>
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
}
