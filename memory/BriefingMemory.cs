using BriefingBot.Memory.Answering;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Ingestion.Chunking;
using BriefingBot.Memory.Ingestion.Extraction;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Telemetry;
using Microsoft.Extensions.AI;

namespace BriefingBot.Memory;

/// <summary>
/// The memory, as Kernel Memory shapes it: ingest documents, search them, ask questions answered from them with
/// citations, list and delete. Everything the bot's front ends need goes through here.
/// </summary>
public sealed class BriefingMemory : IDisposable
{
    private readonly IngestionPipeline _pipeline;
    private readonly HybridRetriever _retriever;
    private readonly ExtractiveAnswerer _answerer;
    private readonly MemoryOptions _options;
    private readonly List<IDisposable> _owned = [];
    private bool _ownsStore;
    private StorageBackend? _storage;
    private bool _ownsStorage;
    private bool _disposed;
    private IDisposable? _ownedEmbedder;

    public BriefingMemory(
        IMemoryStore store,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        ITokenCounter tokens,
        TextExtraction extraction,
        MemoryOptions options,
        TimeProvider time)
    {
        Store = store;
        Embedder = embedder;
        _options = options;
        options.Chunking.Validate(tokens.MaxPassageTokens);
        options.Search.Validate();
        options.Answer.Validate();
        _pipeline = new IngestionPipeline(store, embedder, tokens, extraction, options.Chunking, time);
        _retriever = new HybridRetriever(store, embedder, options.Search);
        _answerer = new ExtractiveAnswerer(store, embedder, options.Answer);
        Extraction = extraction;
    }

    public IMemoryStore Store { get; }

    /// <summary>The backend the store came from, which builds the stores kept beside the memory (jobs, conversations, feedback, Direct Line).</summary>
    public StorageBackend Storage => _storage
        ?? throw new InvalidOperationException("This memory was given its store, not a storage backend, so it keeps no other stores.");

    public IEmbeddingGenerator<string, Embedding<float>> Embedder { get; }

    public TextExtraction Extraction { get; }

    /// <summary>Opens the embedded default: the SQLite file and the local ONNX model named in the options.</summary>
    public static async Task<BriefingMemory> OpenAsync(MemoryOptions options, CancellationToken cancellationToken = default)
    {
        var embedder = new OnnxEmbeddingGenerator(EmbeddingModelProfile.FromName(options.EmbeddingModel), options.EmbeddingThreads);
        try
        {
            var memory = await OpenAsync(options, embedder, cancellationToken).ConfigureAwait(false);
            memory._ownedEmbedder = embedder;
            return memory;
        }
        catch
        {
            embedder.Dispose();
            throw;
        }
    }

    /// <summary>Opens the configured memory (SQLite by default) with an embedder the caller owns (and may share between memories).</summary>
    public static Task<BriefingMemory> OpenAsync(MemoryOptions options, OnnxEmbeddingGenerator embedder, CancellationToken cancellationToken = default) =>
        OpenAsync(options, embedder, embedder.Profile.Id, embedder.Profile.Dimensions, embedder, cancellationToken);

    /// <summary>
    /// Opens the configured memory with any embedder (a local or a remote model), identified in the store by
    /// <paramref name="embeddingModel"/>; <paramref name="tokens"/> sizes the chunks. The store comes from
    /// <paramref name="storage"/> (which the caller owns) or, without it, from a backend of the memory's own.
    /// </summary>
    public static async Task<BriefingMemory> OpenAsync(
        MemoryOptions options,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        string embeddingModel,
        int dimensions,
        ITokenCounter tokens,
        CancellationToken cancellationToken = default,
        StorageBackend? storage = null)
    {
        var backend = storage ?? StorageBackend.For(options);
        IMemoryStore? store = null;
        try
        {
            store = backend.CreateMemoryStore();
            await store.InitializeAsync(embeddingModel, dimensions, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            store?.Dispose();
            if (storage is null)
            {
                backend.Dispose();
            }

            throw;
        }

        var extraction = new TextExtraction(DefaultExtractors.Create(options.Ingestion), options.MaxFileBytes, options.Ingestion.ExtractionTimeout);
        return new BriefingMemory(store, embedder, tokens, extraction, options, TimeProvider.System)
        {
            _ownsStore = true, _storage = backend, _ownsStorage = storage is null,
        };
    }

    /// <summary>
    /// Re-embeds the memory at <see cref="MemoryOptions.StorePath"/> with the given model (after the embedding model was
    /// changed in configuration). Chunk boundaries are kept; the vectors are replaced in one transaction.
    /// </summary>
    public static async Task<int> ReembedAsync(
        MemoryOptions options,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        ITokenCounter tokens,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options.Chunking.Validate(tokens.MaxPassageTokens);
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>()
            ?? throw new InvalidOperationException("The embedding generator does not describe its model.");
        var texts = new ChunkEmbeddingText(tokens, options.Chunking);
        using var backend = StorageBackend.For(options);
        using var store = backend.CreateMemoryStore();
        return await store.ReembedAsync(
            metadata.DefaultModelId ?? throw new InvalidOperationException("The embedding generator has no model id."),
            metadata.DefaultModelDimensions ?? throw new InvalidOperationException("The embedding generator has no dimensions."),
            async (batch, ct) =>
            {
                var embeddings = await embedder.GenerateAsync(batch.Select(b => texts.For(b.Title, b.Text)), cancellationToken: ct).ConfigureAwait(false);
                return embeddings.Select(e => e.Vector).ToList();
            },
            progress,
            cancellationToken).ConfigureAwait(false);
    }

    public Task<IngestResult> IngestAsync(IngestRequest request, CancellationToken cancellationToken = default) =>
        _pipeline.IngestAsync(request, null, cancellationToken);

    /// <summary>Ingests one document, telling <paramref name="onStep"/> the name of each pipeline step as it starts.</summary>
    public Task<IngestResult> IngestAsync(IngestRequest request, Func<string, CancellationToken, Task> onStep, CancellationToken cancellationToken = default) =>
        _pipeline.IngestAsync(request, onStep, cancellationToken);

    public IAsyncEnumerable<IngestResult> IngestAsync(IAsyncEnumerable<IngestRequest> requests, CancellationToken cancellationToken = default) =>
        _pipeline.IngestAsync(requests, cancellationToken);

    public async Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        using var span = BriefingTelemetry.Source.StartActivity(BriefingTelemetry.SearchSpan);
        var result = await _retriever.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        var mode = _options.Search.Mode.ToString().ToLowerInvariant();
        BriefingTelemetry.RetrievalHits.Record(result.Hits.Count, new KeyValuePair<string, object?>("mode", mode));
        span?.SetTag("briefingbot.retrieval.mode", mode);
        span?.SetTag("briefingbot.retrieval.hits", result.Hits.Count);
        return result;
    }

    /// <summary>The extractive answer; <paramref name="alreadySaid"/> are sentences not to quote again.</summary>
    public async Task<Answer> AskAsync(string question, MemoryFilter? filter = null, CancellationToken cancellationToken = default, IReadOnlySet<string>? alreadySaid = null)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return Answer.NotFound(question, _options.Answer.NotFoundText, "No question provided", ExtractiveAnswerer.Mode);
        }

        var search = await SearchAsync(
            new SearchRequest { Query = question, Filter = filter ?? MemoryFilter.None, Limit = _options.Answer.Passages },
            cancellationToken).ConfigureAwait(false);
        return await _answerer.AnswerAsync(question, search, cancellationToken, alreadySaid).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<DocumentInfo>> ListAsync(MemoryFilter? filter = null, int skip = 0, int take = 100, CancellationToken cancellationToken = default) =>
        Store.ListDocumentsAsync(filter ?? MemoryFilter.None, skip, take, cancellationToken);

    public Task<bool> DeleteAsync(string documentId, CancellationToken cancellationToken = default) =>
        Store.DeleteDocumentAsync(documentId, cancellationToken);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsStore)
        {
            Store.Dispose();
        }

        if (_ownsStorage)
        {
            _storage?.Dispose();
        }

        _ownedEmbedder?.Dispose();
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    /// <summary>Makes the memory dispose these (its remote embedder's model, say) when it is disposed, last first.</summary>
    internal BriefingMemory Owning(IEnumerable<IDisposable> resources)
    {
        _owned.AddRange(resources);
        return this;
    }
}
