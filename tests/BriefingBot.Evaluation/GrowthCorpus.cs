using BriefingBot.Memory.Storage.Sqlite;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using BriefingBot.Memory;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion.Chunking;
using BriefingBot.Memory.Storage;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Evaluation;

/// <summary>
/// Memories of a given size in chunks, made from the embedded SciFact memory without running the model again: the
/// first documents of SciFact up to its own size (11.6k chunks); beyond it, whole-corpus copies whose documents get
/// new ids (<c>id~k</c>) and whose chunk vectors get Gaussian noise (norm 0.5, then renormalised: cosine about 0.9 to
/// the original), so every copy is a distinct point near the real distribution; texts are repeated as they are.
/// Written through <see cref="IMemoryStore.SaveDocumentAsync"/> (the store's own write path) into
/// <c>.artifacts/eval/growth-&lt;model&gt;-&lt;chunks&gt;</c>, once, and reused.
/// </summary>
internal static class GrowthCorpus
{
    private const string Marker = "synthesised.json";
    private const float NoiseNorm = 0.5f;

    public static string Folder(Workspace workspace, MemoryOptions options, int chunks) =>
        Path.Combine(workspace.Artifacts, $"growth-{options.EmbeddingModel.ToLowerInvariant()}-{chunks}");

    /// <summary>Makes the memory of <paramref name="chunks"/> chunks (at whole documents) unless it exists; returns its folder.</summary>
    public static async Task<string> EnsureAsync(
        Workspace workspace, MemoryOptions options, string sourceStore, string model, int dimensions, int chunks, CancellationToken cancellationToken)
    {
        var folder = Folder(workspace, options, chunks);
        if (File.Exists(Path.Combine(folder, Marker)))
        {
            return folder;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Console.Error.WriteLine($"Synthesising a memory of {chunks} chunks in {folder} (once; reused afterwards)…");
        var clock = Stopwatch.StartNew();
        var target = new MemoryOptions { DataFolder = folder, EmbeddingModel = options.EmbeddingModel };
        using var store = new SqliteMemoryStore(target.StorePath);
        await store.InitializeAsync(model, dimensions, cancellationToken).ConfigureAwait(false);
        var vectors = ReadVectors(sourceStore);
        using var source = new SqliteMemoryStore(sourceStore);
        await source.InitializeAsync(model, dimensions, cancellationToken).ConfigureAwait(false);
        var documents = await ListAllAsync(source, cancellationToken).ConfigureAwait(false);
        var random = new Random(chunks);
        var (written, copy, savedDocuments) = (0, 0, 0);
        while (written < chunks)
        {
            foreach (var document in documents)
            {
                if (written >= chunks)
                {
                    break;
                }

                var text = await source.GetDocumentTextAsync(document.Id, cancellationToken).ConfigureAwait(false) ?? "";
                var stored = await source.GetDocumentChunksAsync(document.Id, cancellationToken).ConfigureAwait(false);
                var newChunks = stored
                    .Select(c => new NewChunk(new TextChunk(c.Number, c.Span, c.Text, c.TokenCount), copy == 0 ? vectors[c.Id] : Perturb(vectors[c.Id], random)))
                    .ToList();
                var info = copy == 0 ? document : document with { Id = $"{document.Id}~{copy}" };
                await store.SaveDocumentAsync(info, text, newChunks, null, cancellationToken).ConfigureAwait(false);
                written += newChunks.Count;
                savedDocuments++;
            }

            copy++;
        }

        await File.WriteAllTextAsync(Path.Combine(folder, Marker), JsonSerializer.Serialize(new
        {
            chunks = written,
            documents = savedDocuments,
            copies = copy,
            noiseNorm = NoiseNorm,
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        }), cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"  {written} chunks, {savedDocuments} documents in {clock.Elapsed.TotalSeconds:F0} s");
        return folder;
    }

    private static async Task<List<DocumentInfo>> ListAllAsync(IMemoryStore store, CancellationToken cancellationToken)
    {
        var all = new List<DocumentInfo>();
        while (true)
        {
            var page = await store.ListDocumentsAsync(MemoryFilter.None, all.Count, 1000, cancellationToken).ConfigureAwait(false);
            all.AddRange(page);
            if (page.Count < 1000)
            {
                return all;
            }
        }
    }

    private static Dictionary<long, float[]> ReadVectors(string storePath)
    {
        var vectors = new Dictionary<long, float[]>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, embedding FROM chunks";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            vectors[reader.GetInt64(0)] = MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1)).ToArray();
        }

        return vectors;
    }

    private static float[] Perturb(float[] vector, Random random)
    {
        var noise = new float[vector.Length];
        for (var i = 0; i < noise.Length; i++)
        {
            // Box–Muller: one standard normal per dimension.
            noise[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }

        var scale = NoiseNorm / System.Numerics.Tensors.TensorPrimitives.Norm(noise);
        var result = new float[vector.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = vector[i] + noise[i] * scale;
        }

        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(result);
        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= norm;
        }

        return result;
    }
}
