using BenchmarkDotNet.Attributes;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Ingestion.Chunking;

namespace BriefingBot.Benchmarks;

/// <summary>
/// <see cref="SentenceChunker"/> with the default settings and the default model's tokenizer: the sample briefing
/// (about 380 words) and the same text repeated to about 5,000 words.
/// </summary>
[MemoryDiagnoser]
public class ChunkerBenchmarks
{
    private OnnxEmbeddingGenerator? _model;
    private SentenceChunker? _chunker;
    private string _text = "";

    [Params(1, 13)]
    public int Repeats { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = new OnnxEmbeddingGenerator(EmbeddingModelProfile.FromName("ArcticXs"), 1);
        _chunker = new SentenceChunker(_model, new ChunkingOptions());
        var sample = File.ReadAllText(RepositoryFiles.Sample);
        _text = string.Join("\n\n", Enumerable.Repeat(sample, Repeats));
    }

    [Benchmark]
    public int Chunk() => _chunker!.Chunk(_text).Count;

    [GlobalCleanup]
    public void Cleanup() => _model?.Dispose();
}
