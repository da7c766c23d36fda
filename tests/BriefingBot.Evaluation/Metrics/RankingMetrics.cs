namespace BriefingBot.Evaluation.Metrics;

/// <summary>Standard ranking metrics over a ranked list of document ids and graded judgements (as in BEIR / trec_eval).</summary>
internal static class RankingMetrics
{
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant, int k)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevant.TryGetValue(ranked[i], out var grade))
            {
                dcg += (Math.Pow(2, grade) - 1) / Math.Log2(i + 2);
            }
        }

        var ideal = relevant.Values.OrderByDescending(g => g).Take(k).Select((g, i) => (Math.Pow(2, g) - 1) / Math.Log2(i + 2)).Sum();
        return ideal > 0 ? dcg / ideal : 0;
    }

    public static double Recall(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevant, int k)
    {
        if (relevant.Count == 0)
        {
            return 0;
        }

        var found = ranked.Take(k).Count(relevant.ContainsKey);
        return (double)found / relevant.Count;
    }
}
