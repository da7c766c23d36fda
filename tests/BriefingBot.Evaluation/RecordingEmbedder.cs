using System.Diagnostics;
using BriefingBot.Memory.Embedding;
using Microsoft.Extensions.AI;

namespace BriefingBot.Evaluation;

/// <summary>
/// Passes embedding requests to the real model while recording every passage text it was given and the time spent in
/// the model, so a benchmark can replay exactly the same texts against the bare model.
/// </summary>
internal sealed class RecordingEmbedder(OnnxEmbeddingGenerator inner) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly List<string> _passages = [];

    public IReadOnlyList<string> Passages => _passages;

    public TimeSpan ModelTime { get; private set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        if (!EmbeddingPurpose.IsQuery(options))
        {
            _passages.AddRange(texts);
        }

        var clock = Stopwatch.StartNew();
        var result = await inner.GenerateAsync(texts, options, cancellationToken).ConfigureAwait(false);
        ModelTime += clock.Elapsed;
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }
}
