using BriefingBot.Memory.Embedding;

namespace BriefingBot.Evaluation;

/// <summary>One loaded ONNX model per profile for the whole run (a model takes seconds to load).</summary>
internal sealed class Embedders : IDisposable
{
    private readonly Dictionary<string, OnnxEmbeddingGenerator> _loaded = new(StringComparer.OrdinalIgnoreCase);

    public OnnxEmbeddingGenerator Get(string model, int threads = 0)
    {
        var profile = EmbeddingModelProfile.FromName(model);
        if (!_loaded.TryGetValue(profile.Id, out var embedder))
        {
            _loaded[profile.Id] = embedder = new OnnxEmbeddingGenerator(profile, threads);
        }

        return embedder;
    }

    public void Dispose()
    {
        foreach (var embedder in _loaded.Values)
        {
            embedder.Dispose();
        }
    }
}
