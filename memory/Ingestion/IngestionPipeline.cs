using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Ingestion.Chunking;
using BriefingBot.Memory.Ingestion.Extraction;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Telemetry;
using Microsoft.Extensions.AI;

namespace BriefingBot.Memory.Ingestion;

/// <summary>
/// Kernel Memory's pipeline, in order: <c>extract</c> (format → text, normalised), <c>partition</c> (sentence-aware
/// chunks), <c>gen_embeddings</c> and <c>save_records</c> (one transaction per document). Unchanged content stops after
/// partitioning; documents are embedded in batches across documents for throughput; one failing document is reported
/// and the rest go on.
/// </summary>
public sealed class IngestionPipeline(
    IMemoryStore store,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    ITokenCounter tokens,
    TextExtraction extraction,
    ChunkingOptions chunking,
    TimeProvider time)
{
    public const string ExtractStep = "extract";
    public const string PartitionStep = "partition";
    public const string EmbedStep = "gen_embeddings";
    public const string SaveStep = "save_records";

    private const int BatchChunks = 256;

    private readonly SentenceChunker _chunker = new(tokens, chunking);
    private readonly ChunkEmbeddingText _embeddingText = new(tokens, chunking);

    /// <summary>Ingests one document; <paramref name="onStep"/>, when given, hears each step's name as the step starts.</summary>
    public async Task<IngestResult> IngestAsync(IngestRequest request, Func<string, CancellationToken, Task>? onStep, CancellationToken cancellationToken = default)
    {
        await foreach (var result in IngestAsync(new[] { request }.ToAsyncEnumerable(), onStep, cancellationToken).ConfigureAwait(false))
        {
            return result;
        }

        throw new InvalidOperationException("The pipeline returned no result.");
    }

    public IAsyncEnumerable<IngestResult> IngestAsync(IAsyncEnumerable<IngestRequest> requests, CancellationToken cancellationToken = default) =>
        IngestAsync(requests, null, cancellationToken);

    private async IAsyncEnumerable<IngestResult> IngestAsync(
        IAsyncEnumerable<IngestRequest> requests, Func<string, CancellationToken, Task>? onStep, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        onStep ??= static (_, _) => Task.CompletedTask;
        using var span = BriefingTelemetry.Source.StartActivity(BriefingTelemetry.IngestSpan);
        var documents = 0;
        var failed = 0;
        IngestResult Record(IngestResult result, long started)
        {
            var outcome = new KeyValuePair<string, object?>("outcome", OutcomeName(result.Outcome));
            BriefingTelemetry.DocumentsIngested.Add(1, outcome);
            BriefingTelemetry.IngestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, outcome);
            if (result.Outcome is IngestOutcome.Created or IngestOutcome.Replaced)
            {
                BriefingTelemetry.TokensIngested.Add(result.Tokens);
            }

            documents++;
            failed += result.Outcome == IngestOutcome.Failed ? 1 : 0;
            span?.SetTag("briefingbot.documents", documents);
            span?.SetTag("briefingbot.documents_failed", failed);
            return result;
        }

        var batch = new List<Prepared>();
        var batchChunks = 0;
        await foreach (var request in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var started = Stopwatch.GetTimestamp();
            var prepared = await PrepareAsync(request, onStep, cancellationToken).ConfigureAwait(false) with { Started = started };
            if (prepared.Result is not null)
            {
                yield return Record(prepared.Result, started);
                continue;
            }

            batch.Add(prepared);
            batchChunks += prepared.Chunks.Count;
            if (batchChunks >= BatchChunks)
            {
                var saved = await EmbedAndSaveAsync(batch, onStep, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < saved.Count; i++)
                {
                    yield return Record(saved[i], batch[i].Started);
                }

                batch.Clear();
                batchChunks = 0;
            }
        }

        var rest = await EmbedAndSaveAsync(batch, onStep, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rest.Count; i++)
        {
            yield return Record(rest[i], batch[i].Started);
        }
    }

    private static string OutcomeName(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Created => "created",
        IngestOutcome.Replaced => "replaced",
        IngestOutcome.Unchanged => "unchanged",
        IngestOutcome.Conflict => "conflict",
        IngestOutcome.Refused => "refused",
        _ => "failed",
    };

    private async Task<Prepared> PrepareAsync(IngestRequest request, Func<string, CancellationToken, Task> onStep, CancellationToken cancellationToken)
    {
        var id = request.DocumentId ?? request.Source ?? request.FileName;
        try
        {
            await onStep(ExtractStep, cancellationToken).ConfigureAwait(false);
            ExtractedText extracted;
            if (request.FileName is not null)
            {
                extracted = await extraction.ExtractAsync(request.Content, request.FileName, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                extracted = new ExtractedText
                {
                    Text = request.Text ?? throw new ExtractionException("The request has neither a file nor text."),
                    Title = PlainTextExtractor.GuessTitle(request.Text),
                    ContentType = "text/plain",
                };
            }

            var text = TextNormalizer.Normalize(extracted.Text);
            if (text.Length == 0)
            {
                throw new ExtractionException($"{request.FileName ?? "The text"}: no readable text found.");
            }

            id = DocumentId.Validate(request.DocumentId ?? DocumentId.FromContent(text));
            var title = FirstNonEmpty(request.Title, extracted.Title) ?? FallbackTitle(text);
            var published = request.Published ?? extracted.Published;
            await onStep(PartitionStep, cancellationToken).ConfigureAwait(false);
            var chunks = _chunker.Chunk(text);
            var hash = ContentHash(text, title, request.Source, published, request.Tags);
            // A first look, to spare embedding work; the store decides again inside the saving transaction.
            var existing = await store.GetContentHashAsync(id, cancellationToken).ConfigureAwait(false);
            var early = request.Condition.Decide(existing, existing is null ? null : await StoredTagsAsync(id, cancellationToken).ConfigureAwait(false), hash);
            if (early is not (SaveOutcome.Created or SaveOutcome.Replaced))
            {
                return new Prepared(Decided(id, request.Source, early, hash, chunks.Count, chunks.Sum(c => c.TokenCount), [ExtractStep, PartitionStep]));
            }

            var info = new DocumentInfo
            {
                Id = id,
                Title = title,
                Source = request.Source,
                Published = published,
                ContentType = extracted.ContentType,
                Tags = request.Tags.ToDictionary(),
                ChunkCount = chunks.Count,
                TokenCount = chunks.Sum(c => c.TokenCount),
                ContentHash = hash,
                Updated = time.GetUtcNow(),
            };
            return new Prepared(null, info, text, chunks, _embeddingText.TitleLine(title), request.Condition);
        }
        catch (Exception e) when (e is ExtractionException or ArgumentException or IOException or MemoryStoreException)
        {
            return new Prepared(Failed(id ?? "(unnamed)", request.Source, e.Message, transient: e is MemoryStoreException));
        }
    }

    private async Task<List<IngestResult>> EmbedAndSaveAsync(List<Prepared> batch, Func<string, CancellationToken, Task> onStep, CancellationToken cancellationToken)
    {
        var results = new List<IngestResult>(batch.Count);
        if (batch.Count == 0)
        {
            return results;
        }

        await onStep(EmbedStep, cancellationToken).ConfigureAwait(false);
        var inputs = batch.SelectMany(p => p.Chunks.Select(c => p.TitleLine + c.Text)).ToList();
        var embeddings = await embedder.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
        await onStep(SaveStep, cancellationToken).ConfigureAwait(false);
        var next = 0;
        foreach (var prepared in batch)
        {
            var chunks = prepared.Chunks.Select(c => new NewChunk(c, embeddings[next++].Vector)).ToList();
            try
            {
                var outcome = await store.SaveDocumentAsync(prepared.Info!, prepared.Text!, chunks, prepared.Condition, cancellationToken).ConfigureAwait(false);
                var info = prepared.Info!;
                results.Add(Decided(info.Id, info.Source, outcome, info.ContentHash, chunks.Count, info.TokenCount, [ExtractStep, PartitionStep, EmbedStep, SaveStep]));
            }
            catch (MemoryStoreException e)
            {
                results.Add(Failed(prepared.Info!.Id, prepared.Info.Source, e.Message, transient: true));
            }
        }

        return results;
    }

    /// <summary>
    /// Everything that shapes the stored chunks. The embedding model is not part of it: one store holds one model's
    /// vectors (checked when it opens), and re-embedding keeps the hashes valid.
    /// </summary>
    private string ContentHash(string text, string title, string? source, DateTimeOffset? published, TagSet tags)
    {
        var material = string.Join('\u001F',
            text, title, source ?? "", published?.ToString("O") ?? "", tags.ToString(),
            chunking.MaxTokens, chunking.OverlapTokens, chunking.MaxTitleTokens);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.Select(v => v?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    private static string FallbackTitle(string text)
    {
        var line = text.AsSpan(0, Math.Min(text.Length, 200));
        var end = line.IndexOfAny('\n', '.');
        var first = (end > 0 ? line[..end] : line).Trim().ToString();
        return first.Length > 80 ? first[..first.LastIndexOf(' ', 79)] + "…" : first;
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>?> StoredTagsAsync(string id, CancellationToken cancellationToken) =>
        (await store.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false))?.Tags;

    /// <summary>The result of a save's outcome; a conflict or a refusal says why nothing was stored.</summary>
    private static IngestResult Decided(string id, string? source, SaveOutcome outcome, string hash, int chunks, int tokens, IReadOnlyList<string> steps) => outcome switch
    {
        SaveOutcome.Conflict => new IngestResult
        {
            DocumentId = id, Source = source, Outcome = IngestOutcome.Conflict, Steps = steps,
            Error = $"The document '{id}' is not the version the writer required (it changed since it was read, or does not exist); nothing was stored.",
        },
        SaveOutcome.OutOfScope => new IngestResult
        {
            DocumentId = id, Source = source, Outcome = IngestOutcome.Refused, Steps = steps,
            Error = $"The id '{id}' belongs to a document outside the writer's scope; nothing was stored.",
        },
        _ => new IngestResult
        {
            DocumentId = id,
            Source = source,
            Outcome = outcome switch { SaveOutcome.Created => IngestOutcome.Created, SaveOutcome.Replaced => IngestOutcome.Replaced, _ => IngestOutcome.Unchanged },
            Chunks = chunks,
            Tokens = tokens,
            Steps = steps,
            Version = hash,
        },
    };

    private static IngestResult Failed(string id, string? source, string error, bool transient) =>
        new() { DocumentId = id, Source = source, Outcome = IngestOutcome.Failed, Error = error, Transient = transient };

    private sealed record Prepared(
        IngestResult? Result,
        DocumentInfo? Info = null,
        string? Text = null,
        IReadOnlyList<TextChunk> Chunks = null!,
        string TitleLine = "",
        SaveCondition? Condition = null)
    {
        public long Started { get; init; }
    }
}
