using System.Numerics.Tensors;
using BriefingBot.Memory.Embedding;
using Microsoft.Extensions.AI;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// The provider's embedding model (<c>AI:EmbeddingModel</c>) as the memory's embedder: vectors scaled to unit length
/// (the store compares by dot product) and the local model's query/passage hint not sent to the provider.
/// </summary>
public sealed class RemoteEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, string modelId) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>How the store records the model, e.g. <c>remote:text-embedding-3-small</c>.</summary>
    public string ModelId { get; } = "remote:" + modelId;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var forwarded = options is null ? null : new EmbeddingGenerationOptions { Dimensions = options.Dimensions, ModelId = options.ModelId };
        GeneratedEmbeddings<Embedding<float>> generated;
        try
        {
            generated = await inner.GenerateAsync(values, forwarded, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new EmbeddingUnavailableException($"The embedding model '{ModelId}' is not available: {e.Message}", e);
        }

        var unit = new GeneratedEmbeddings<Embedding<float>>(generated.Count) { Usage = generated.Usage };
        foreach (var embedding in generated)
        {
            var vector = embedding.Vector.ToArray();
            var norm = TensorPrimitives.Norm(vector);
            if (norm > 0)
            {
                TensorPrimitives.Divide(vector, norm, vector);
            }

            unit.Add(new Embedding<float>(vector) { ModelId = embedding.ModelId, CreatedAt = embedding.CreatedAt });
        }

        return unit;
    }

    /// <summary>The model's dimensions, found by embedding one short text.</summary>
    public async Task<int> ProbeDimensionsAsync(CancellationToken cancellationToken = default)
    {
        var probe = await GenerateAsync(["dimensions"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return probe[0].Vector.Length;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }
}
