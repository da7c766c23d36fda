using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion.Chunking;
using BriefingBot.Memory.Storage;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Evaluation.Data;

/// <summary>
/// Every document of an ingested SQLite memory as it was saved (information, text, chunks and their vectors), so it
/// can be written into another store without running the model again.
/// </summary>
internal sealed record CorpusSnapshot(IReadOnlyList<CorpusSnapshot.Document> Documents)
{
    public sealed record Document(DocumentInfo Info, string Text, IReadOnlyList<NewChunk> Chunks);

    public int Chunks => Documents.Sum(d => d.Chunks.Count);

    public static async Task<CorpusSnapshot> ReadAsync(IMemoryStore store, string sqlitePath, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<(string, int), float[]>();
        await using (var connection = new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT document_id, number, embedding FROM chunks";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var bytes = (byte[])reader.GetValue(2);
                var vector = new float[bytes.Length / sizeof(float)];
                Buffer.BlockCopy(bytes, 0, vector, 0, bytes.Length);
                vectors[(reader.GetString(0), reader.GetInt32(1))] = vector;
            }
        }

        var documents = new List<Document>();
        for (var skip = 0; ; skip += 1000)
        {
            var page = await store.ListDocumentsAsync(MemoryFilter.None, skip, 1000, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var info in page)
            {
                var text = await store.GetDocumentTextAsync(info.Id, cancellationToken).ConfigureAwait(false) ?? "";
                var chunks = await store.GetDocumentChunksAsync(info.Id, cancellationToken).ConfigureAwait(false);
                documents.Add(new Document(info, text, chunks
                    .Select(c => new NewChunk(new TextChunk(c.Number, c.Span, c.Text, c.TokenCount), vectors[(info.Id, c.Number)]))
                    .ToList()));
            }
        }

        documents.Sort((a, b) => string.CompareOrdinal(a.Info.Id, b.Info.Id));
        return new CorpusSnapshot(documents);
    }
}
