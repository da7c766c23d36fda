using System.Diagnostics;
using System.Text.Json;
using BriefingBot.Memory;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Ingestion;

namespace BriefingBot.Evaluation;

/// <summary>
/// A memory holding one evaluation corpus, ingested once per model and chunk size into
/// <c>.artifacts/eval/&lt;corpus&gt;-&lt;model&gt;-&lt;tokens&gt;</c> and reused by later runs (ingestion takes minutes).
/// </summary>
internal static class CachedCorpus
{
    private const string Marker = "ingested.json";

    public static string Folder(Workspace workspace, string corpus, MemoryOptions options) =>
        Path.Combine(workspace.Artifacts, $"{corpus}-{options.EmbeddingModel.ToLowerInvariant()}-{options.Chunking.MaxTokens}");

    public static async Task<BriefingMemory> OpenAsync(
        Workspace workspace,
        string corpus,
        MemoryOptions options,
        OnnxEmbeddingGenerator embedder,
        Func<IAsyncEnumerable<IngestRequest>> documents,
        CancellationToken cancellationToken,
        bool asIs = false)
    {
        var folder = Folder(workspace, corpus, options);
        options.DataFolder = folder;
        var marker = Path.Combine(folder, Marker);
        var memory = await BriefingMemory.OpenAsync(options, embedder, cancellationToken).ConfigureAwait(false);
        if (File.Exists(marker) || asIs)
        {
            return memory;
        }

        try
        {
            Console.Error.WriteLine($"Ingesting {corpus} with {embedder.Profile.Id} into {folder} (once; reused afterwards)…");
            var clock = Stopwatch.StartNew();
            var (count, failed, chunks) = (0, 0, 0);
            await foreach (var result in memory.IngestAsync(documents(), cancellationToken).ConfigureAwait(false))
            {
                count++;
                chunks += result.Chunks;
                if (result.Outcome == IngestOutcome.Failed)
                {
                    failed++;
                    Console.Error.WriteLine($"  {result.DocumentId}: {result.Error}");
                }

                if (count % 250 == 0)
                {
                    Console.Error.WriteLine($"  {count} documents, {chunks} chunks, {clock.Elapsed.TotalSeconds:F0} s");
                }
            }

            await File.WriteAllTextAsync(marker, JsonSerializer.Serialize(new
            {
                corpus,
                model = embedder.Profile.Id,
                documents = count,
                failed,
                chunks,
                seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            }), cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine($"  done: {count} documents ({failed} failed), {chunks} chunks in {clock.Elapsed.TotalSeconds:F0} s");
            return memory;
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }
}
