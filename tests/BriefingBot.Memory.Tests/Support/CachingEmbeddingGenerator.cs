using BriefingBot.Memory.Embedding;
using Microsoft.Extensions.AI;

namespace BriefingBot.Memory.Tests.Support;

/// <summary>
/// Remembers every vector the real model made (passages and queries apart), so that several memories compared with
/// each other see identical vectors and the model's time is paid once.
/// </summary>
public sealed class CachingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Dictionary<(bool Query, string Text), Embedding<float>> _cache = [];
    private readonly Lock _gate = new();

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = ReferenceEquals(options, EmbeddingPurpose.QueryOptions);
        var texts = values.ToList();
        List<string> missing;
        lock (_gate)
        {
            missing = texts.Where(t => !_cache.ContainsKey((query, t))).Distinct().ToList();
        }

        if (missing.Count > 0)
        {
            var made = await inner.GenerateAsync(missing, options, cancellationToken);
            lock (_gate)
            {
                for (var i = 0; i < missing.Count; i++)
                {
                    _cache[(query, missing[i])] = made[i];
                }
            }
        }

        lock (_gate)
        {
            return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => _cache[(query, t)]));
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }
}
