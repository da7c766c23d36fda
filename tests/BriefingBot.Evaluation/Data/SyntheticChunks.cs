using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion.Chunking;
using BriefingBot.Memory.Language;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Evaluation.Data;

/// <summary>
/// Synthetic documents for growing a memory cheaply: each holds <see cref="ChunksPerDocument"/> chunks copied from
/// real ones in turn (text and title), with vectors moved a little off the real vector in a random direction and
/// made unit length again, so the neighbourhoods look like real data without running the model.
/// </summary>
internal sealed class SyntheticChunks(CorpusSnapshot corpus, double noise = 0.3, int seed = 20261127)
{
    public const int ChunksPerDocument = 100;

    private readonly List<(string Title, NewChunk Chunk)> _real = corpus.Documents
        .SelectMany(d => d.Chunks.Select(c => (d.Info.Title, c))).ToList();

    /// <summary>The synthetic document number <paramref name="index"/> (the same for the same index and seed).</summary>
    public CorpusSnapshot.Document Document(int index)
    {
        var random = new Random(HashCode.Combine(seed, index));
        var chunks = new List<NewChunk>(ChunksPerDocument);
        var text = new System.Text.StringBuilder();
        var title = "";
        for (var n = 0; n < ChunksPerDocument; n++)
        {
            var (realTitle, real) = _real[(int)(((long)index * ChunksPerDocument + n) % _real.Count)];
            title = n == 0 ? realTitle : title;
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            var start = text.Length;
            text.Append(real.Chunk.Text);
            chunks.Add(new NewChunk(
                new TextChunk(n, new TextSpan(start, text.Length), real.Chunk.Text, real.Chunk.TokenCount),
                Perturb(real.Embedding.Span, random)));
        }

        var info = new DocumentInfo
        {
            Id = $"synthetic-{index:D7}",
            Title = title,
            ContentType = "text/plain",
            Tags = new Dictionary<string, IReadOnlyList<string>>(),
            ChunkCount = chunks.Count,
            TokenCount = chunks.Sum(c => c.Chunk.TokenCount),
            ContentHash = $"synthetic-{seed}-{index}",
            Updated = new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero),
        };
        return new CorpusSnapshot.Document(info, text.ToString(), chunks);
    }

    private float[] Perturb(ReadOnlySpan<float> vector, Random random)
    {
        var result = new float[vector.Length];
        var scale = noise / Math.Sqrt(vector.Length);
        double norm = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            result[i] = (float)(vector[i] + scale * gaussian);
            norm += result[i] * (double)result[i];
        }

        var inverse = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < result.Length; i++)
        {
            result[i] *= inverse;
        }

        return result;
    }
}
