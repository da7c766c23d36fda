using BenchmarkDotNet.Attributes;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Benchmarks;

/// <summary>
/// <see cref="RankFusion"/> of a vector and a keyword ranking of 60 chunks each (the retriever's default depth) that
/// share half their chunks: reciprocal rank fusion (k 60) and the convex combination (the default).
/// </summary>
[MemoryDiagnoser]
public class FusionBenchmarks
{
    private IReadOnlyList<(IReadOnlyList<ScoredChunk> Ranking, float Weight)> _rankings = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        var vector = Enumerable.Range(0, 60).Select(i => new ScoredChunk(i, 0.9f - i * 0.005f)).ToList();
        var keyword = Enumerable.Range(30, 60).OrderBy(_ => random.Next()).Select((id, rank) => new ScoredChunk(id, 20f - rank * 0.2f)).ToList();
        _rankings = [(vector, 1f), (keyword, 1f)];
    }

    [Benchmark(Baseline = true)]
    public int ReciprocalRank() => RankFusion.Fuse(_rankings, 60).Count;

    [Benchmark]
    public int Convex() => RankFusion.Convex(_rankings).Count;
}
