using System.Numerics.Tensors;
using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Language;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Briefings;

/// <summary>
/// Numbers the briefing's citations: one per distinct range of a document, shaped like an answer's (the chunk holding
/// the range, and the quote exactly as the document has it there). Relevance is the chunk's cosine to the topic or, for
/// documents, to the briefing's key points; <c>focus</c> must be a unit vector of the memory's dimensions.
/// </summary>
internal sealed class CitationLedger(IMemoryStore store, IReadOnlyList<BriefingSource> sources, ReadOnlyMemory<float> focus)
{
    private readonly List<Citation> _citations = [];
    private readonly Dictionary<(string, int, int), int> _numbers = [];
    private readonly Dictionary<string, List<(ChunkRecord Chunk, float Relevance)>> _chunks = new(StringComparer.Ordinal);

    public IReadOnlyList<Citation> Citations => _citations;

    public async Task<int> CiteAsync(int source, TextSpan span, CancellationToken cancellationToken)
    {
        var document = sources[source].Document;
        if (_numbers.TryGetValue((document.Id, span.Start, span.End), out var existing))
        {
            return existing;
        }

        var chunks = await ChunksAsync(document.Id, document.ChunkCount, cancellationToken).ConfigureAwait(false);
        var holder = chunks.FirstOrDefault(c => c.Chunk.Span.Start <= span.Start && span.End <= c.Chunk.Span.End);
        if (holder.Chunk is null)
        {
            holder = chunks.FirstOrDefault(c => c.Chunk.Span.Start <= span.Start && span.Start < c.Chunk.Span.End);
        }

        var n = _citations.Count + 1;
        _citations.Add(new Citation
        {
            N = n,
            DocumentId = document.Id,
            Title = document.Title,
            Source = document.Source,
            Published = document.Published,
            Chunk = holder.Chunk?.Number ?? 0,
            Text = holder.Chunk?.Text ?? span.Of(sources[source].Text),
            Quote = span.Of(sources[source].Text),
            Start = span.Start,
            End = span.End,
            Relevance = holder.Relevance,
        });
        _numbers[(document.Id, span.Start, span.End)] = n;
        return n;
    }

    private async Task<List<(ChunkRecord Chunk, float Relevance)>> ChunksAsync(string documentId, int count, CancellationToken cancellationToken)
    {
        if (_chunks.TryGetValue(documentId, out var cached))
        {
            return cached;
        }

        var filter = new MemoryFilter { DocumentIds = [documentId] };
        var scored = await store.VectorSearchAsync(focus, filter, Math.Max(1, count), cancellationToken).ConfigureAwait(false);
        var records = await store.GetChunksAsync(scored.Select(s => s.ChunkId).ToList(), cancellationToken).ConfigureAwait(false);
        var relevance = scored.ToDictionary(s => s.ChunkId, s => s.Score);
        var chunks = records.OrderBy(r => r.Number).Select(r => (r, relevance.GetValueOrDefault(r.Id))).ToList();
        _chunks[documentId] = chunks;
        return chunks;
    }

    public static ReadOnlyMemory<float> Centroid(IEnumerable<ReadOnlyMemory<float>> vectors)
    {
        float[]? sum = null;
        foreach (var v in vectors)
        {
            sum ??= new float[v.Length];
            TensorPrimitives.Add(sum, v.Span, sum);
        }

        if (sum is null)
        {
            return ReadOnlyMemory<float>.Empty;
        }

        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }

        return sum;
    }
}
