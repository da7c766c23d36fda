using BriefingBot.Memory.Storage.Sqlite;
using BenchmarkDotNet.Attributes;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Benchmarks;

/// <summary>
/// The in-memory <see cref="VectorIndex"/> (exhaustive SIMD dot products) over 10k and 100k random unit vectors of the
/// default model's 384 dimensions, top 60 (the retriever's default candidates), no filter.
/// </summary>
[MemoryDiagnoser]
public class VectorSearchBenchmarks
{
    private const int Dimensions = 384;
    private readonly float[][] _queries = new float[16][];
    private VectorIndex? _index;
    private int _next;

    [Params(10_000, 100_000)]
    public int Chunks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _index = new VectorIndex(Dimensions);
        for (var i = 0; i < Chunks; i++)
        {
            _index.Add(i + 1, $"doc-{i / 3}", UnitVectors.Next(random, Dimensions));
        }

        for (var i = 0; i < _queries.Length; i++)
        {
            _queries[i] = UnitVectors.Next(random, Dimensions);
        }
    }

    [Benchmark]
    public int Search() => _index!.Search(_queries[_next++ % _queries.Length], null, 60).Count;
}
