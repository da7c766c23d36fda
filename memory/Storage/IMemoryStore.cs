using BriefingBot.Memory.Documents;

namespace BriefingBot.Memory.Storage;

/// <summary>
/// Where documents, chunks, vectors and the keyword index live. Each document is written in one transaction, so a
/// reader sees all of a document or none of it. Implementations: SQLite (embedded default).
/// </summary>
public interface IMemoryStore : IDisposable
{
    /// <summary>Creates or migrates the schema and checks that stored vectors come from this model.</summary>
    Task InitializeAsync(string embeddingModel, int dimensions, CancellationToken cancellationToken = default);

    Task<string?> GetContentHashAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a document, atomically replacing any earlier version under the same id, unless the stored version fails
    /// <paramref name="condition"/> (or already has this content). The outcome is decided inside the saving
    /// transaction, so of two writers of a new id exactly one is told <see cref="SaveOutcome.Created"/>.
    /// </summary>
    Task<SaveOutcome> SaveDocumentAsync(DocumentInfo document, string text, IReadOnlyList<NewChunk> chunks, SaveCondition? condition = null, CancellationToken cancellationToken = default);

    Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    Task<DocumentInfo?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>The document's normalised text, against which chunk ranges and citation offsets are measured.</summary>
    Task<string?> GetDocumentTextAsync(string documentId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(MemoryFilter filter, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>BM25 over title and text (any of the terms), best first; scores are higher-is-better.</summary>
    Task<IReadOnlyList<ScoredChunk>> KeywordSearchAsync(IReadOnlyList<string> terms, MemoryFilter filter, int limit, CancellationToken cancellationToken = default);

    /// <summary>Cosine similarity to a unit-length query vector, best first.</summary>
    Task<IReadOnlyList<ScoredChunk>> VectorSearchAsync(ReadOnlyMemory<float> query, MemoryFilter filter, int limit, CancellationToken cancellationToken = default);

    /// <summary>Cosine similarity of the query to each given chunk.</summary>
    Task<IReadOnlyDictionary<long, float>> SimilaritiesAsync(ReadOnlyMemory<float> query, IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken = default);

    /// <summary>All chunks of one document, in order.</summary>
    Task<IReadOnlyList<ChunkRecord>> GetDocumentChunksAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>In how many chunks each term occurs (after the keyword index's stemming), and how many chunks there are.</summary>
    Task<(IReadOnlyDictionary<string, int> Frequencies, int Chunks)> TermFrequenciesAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default);

    Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// True while the memory has never held a document: it was created fresh and nothing was stored yet. A memory
    /// whose documents were all deleted has held some, so this stays false for it.
    /// </summary>
    Task<bool> IsPristineAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces every chunk's vector with one from another model, all in one transaction: readers keep the old vectors
    /// until it commits, and a failure or crash leaves the store as it was. Returns the number of chunks re-embedded.
    /// </summary>
    /// <param name="embed">Embeds a batch of (document title, chunk text) pairs, in order.</param>
    Task<int> ReembedAsync(
        string embeddingModel,
        int dimensions,
        Func<IReadOnlyList<(string Title, string Text)>, CancellationToken, Task<IReadOnlyList<ReadOnlyMemory<float>>>> embed,
        IProgress<int>? progress,
        CancellationToken cancellationToken = default);
}
