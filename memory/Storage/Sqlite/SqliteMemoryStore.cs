using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Language;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Memory.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never wait for a writer), one immediate transaction per
/// document, an FTS5 keyword index, and vectors kept as blobs and served from an in-memory <see cref="VectorIndex"/>
/// that is loaded on the first vector search and kept current, including after writes by other processes.
/// </summary>
public sealed class SqliteMemoryStore : IMemoryStore
{
    private const int SqliteFull = 13;
    private const string HeldDocumentsKey = "held_documents";
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _indexLoad = new(1, 1);
    private VectorIndex? _index;
    private long _indexGeneration = -1;
    private string _model = "";
    private int _dimensions;

    private readonly int _lockTimeoutSeconds;
    private readonly long _maxBytes;

    /// <param name="path">The SQLite file; created with its folder when missing.</param>
    /// <param name="lockTimeoutSeconds">How long a write waits for another writer before failing as locked.</param>
    /// <param name="maxBytes">The most the database may grow to (0: as large as the disk allows).</param>
    public SqliteMemoryStore(string path, int lockTimeoutSeconds = 30, long maxBytes = 0)
    {
        Path = System.IO.Path.GetFullPath(path);
        _lockTimeoutSeconds = lockTimeoutSeconds;
        _maxBytes = maxBytes;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = lockTimeoutSeconds,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    public async Task InitializeAsync(string embeddingModel, int dimensions, CancellationToken cancellationToken = default)
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await Guard("open the memory", async () =>
        {
            SqliteSchema.MemoryFile.Migrate(connection);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var storedModel = await MetaAsync(connection, transaction, "embedding_model", cancellationToken).ConfigureAwait(false);
            var storedDimensions = await MetaAsync(connection, transaction, "embedding_dimensions", cancellationToken).ConfigureAwait(false);
            var hasChunks = Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT count(*) FROM chunks", cancellationToken).ConfigureAwait(false)) > 0;
            if (storedModel is not null && storedModel != embeddingModel && hasChunks)
            {
                throw new MemoryStoreException(
                    $"The memory at {Path} holds vectors made by '{storedModel}' ({storedDimensions} dimensions), but the configured model is " +
                    $"'{embeddingModel}'. Vectors of different models cannot be mixed: run the 'reembed' verb to re-embed every document " +
                    "with the configured model, or configure the original one.");
            }

            // Written only when they change, so that a store on read-only media still opens for reading.
            var dimensionsText = dimensions.ToString(CultureInfo.InvariantCulture);
            if (storedModel != embeddingModel || storedDimensions != dimensionsText)
            {
                await SetMetaAsync(connection, transaction, "embedding_model", embeddingModel, cancellationToken).ConfigureAwait(false);
                await SetMetaAsync(connection, transaction, "embedding_dimensions", dimensionsText, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        _model = embeddingModel;
        _dimensions = dimensions;
    }

    public async Task<string?> GetContentHashAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT content_hash FROM documents WHERE id = $id", ("$id", documentId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task<SaveOutcome> SaveDocumentAsync(
        DocumentInfo document, string text, IReadOnlyList<NewChunk> chunks, SaveCondition? condition = null, CancellationToken cancellationToken = default)
    {
        var added = new List<(long Id, ReadOnlyMemory<float> Vector)>(chunks.Count);
        long generationBefore = 0;
        var outcome = SaveOutcome.Unchanged;
        await Guard($"store document '{document.Id}'", async () =>
        {
            await using var connection = await OpenForWritingAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using (var current = Command(connection, "SELECT content_hash, tags FROM documents WHERE id = $id", ("$id", document.Id)))
            {
                current.Transaction = transaction;
                await using var reader = await current.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var found = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                outcome = (condition ?? SaveCondition.None).Decide(
                    found ? reader.GetString(0) : null,
                    found ? JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(reader.GetString(1)) : null,
                    document.ContentHash);
            }

            if (outcome is not (SaveOutcome.Created or SaveOutcome.Replaced))
            {
                return;
            }

            generationBefore = await BumpGenerationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await SetMetaAsync(connection, transaction, HeldDocumentsKey, "1", cancellationToken).ConfigureAwait(false);
            await DeleteRowsAsync(connection, transaction, document.Id, cancellationToken).ConfigureAwait(false);

            await using (var insert = Command(connection,
                """
                INSERT INTO documents(id, title, source, published, content_type, tags, content_hash, text, chunk_count, token_count, updated)
                VALUES ($id, $title, $source, $published, $type, $tags, $hash, $text, $chunks, $tokens, $updated)
                """,
                ("$id", document.Id), ("$title", document.Title), ("$source", document.Source),
                ("$published", document.Published?.ToString("O", CultureInfo.InvariantCulture)), ("$type", document.ContentType),
                ("$tags", JsonSerializer.Serialize(document.Tags)), ("$hash", document.ContentHash), ("$text", text),
                ("$chunks", chunks.Count), ("$tokens", document.TokenCount),
                ("$updated", document.Updated.ToString("O", CultureInfo.InvariantCulture))))
            {
                insert.Transaction = transaction;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var tag = Command(connection, "INSERT INTO document_tags(document_id, key, value) VALUES ($id, $key, $value)",
                ("$id", document.Id), ("$key", ""), ("$value", "")))
            {
                tag.Transaction = transaction;
                foreach (var (key, values) in document.Tags)
                {
                    foreach (var value in values)
                    {
                        tag.Parameters["$key"].Value = key;
                        tag.Parameters["$value"].Value = value;
                        await tag.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await using var chunk = Command(connection,
                """
                INSERT INTO chunks(document_id, number, start, end, token_count, text, embedding)
                VALUES ($doc, $number, $start, $end, $tokens, $text, $embedding) RETURNING id
                """,
                ("$doc", document.Id), ("$number", 0), ("$start", 0), ("$end", 0), ("$tokens", 0), ("$text", ""), ("$embedding", Array.Empty<byte>()));
            chunk.Transaction = transaction;
            await using var fts = Command(connection, "INSERT INTO chunks_fts(rowid, title, text) VALUES ($id, $title, $text)",
                ("$id", 0L), ("$title", document.Title), ("$text", ""));
            fts.Transaction = transaction;
            foreach (var item in chunks)
            {
                chunk.Parameters["$number"].Value = item.Chunk.Number;
                chunk.Parameters["$start"].Value = item.Chunk.Span.Start;
                chunk.Parameters["$end"].Value = item.Chunk.Span.End;
                chunk.Parameters["$tokens"].Value = item.Chunk.TokenCount;
                chunk.Parameters["$text"].Value = item.Chunk.Text;
                chunk.Parameters["$embedding"].Value = MemoryMarshal.AsBytes(item.Embedding.Span).ToArray();
                var id = Convert.ToInt64(await chunk.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
                fts.Parameters["$id"].Value = id;
                fts.Parameters["$text"].Value = item.Chunk.Text;
                await fts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                added.Add((id, item.Embedding));
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        if (outcome is SaveOutcome.Created or SaveOutcome.Replaced)
        {
            UpdateIndex(generationBefore, document.Id, added);
        }

        return outcome;
    }

    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var deleted = false;
        long generationBefore = 0;
        await Guard($"delete document '{documentId}'", async () =>
        {
            await using var connection = await OpenForWritingAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            generationBefore = await BumpGenerationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            deleted = await DeleteRowsAsync(connection, transaction, documentId, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        UpdateIndex(generationBefore, documentId, []);
        return deleted;
    }

    public async Task<bool> IsPristineAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT value FROM meta WHERE key = $key", ("$key", HeldDocumentsKey));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string == "0";
    }

    public async Task<DocumentInfo?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var list = await QueryDocumentsAsync("WHERE id = $id", [("$id", documentId)], cancellationToken).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    public async Task<string?> GetDocumentTextAsync(string documentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT text FROM documents WHERE id = $id", ("$id", documentId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(MemoryFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        var parameters = new List<(string, object?)> { ("$skip", skip), ("$take", take) };
        var where = FilterSql(filter, "id", parameters);
        return QueryDocumentsAsync($"{(where.Length > 0 ? "WHERE " + where : "")} ORDER BY updated DESC, id LIMIT $take OFFSET $skip", parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<ScoredChunk>> KeywordSearchAsync(IReadOnlyList<string> terms, MemoryFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        if (terms.Count == 0)
        {
            return [];
        }

        var match = string.Join(" OR ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        var parameters = new List<(string, object?)> { ("$match", match), ("$limit", limit) };
        var where = FilterSql(filter, "c.document_id", parameters);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection,
            $"""
            SELECT f.rowid, bm25(chunks_fts, 2.0, 1.0) AS rank FROM chunks_fts f
            {(where.Length > 0 ? "JOIN chunks c ON c.id = f.rowid" : "")}
            WHERE chunks_fts MATCH $match {(where.Length > 0 ? "AND " + where : "")}
            ORDER BY rank LIMIT $limit
            """, [.. parameters]);
        var hits = new List<ScoredChunk>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            hits.Add(new ScoredChunk(reader.GetInt64(0), (float)-reader.GetDouble(1)));
        }

        return hits;
    }

    public async Task<IReadOnlyList<ScoredChunk>> VectorSearchAsync(ReadOnlyMemory<float> query, MemoryFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        var index = await CurrentIndexAsync(cancellationToken).ConfigureAwait(false);
        var allowed = filter.IsEmpty ? null : await DocumentsMatchingAsync(filter, cancellationToken).ConfigureAwait(false);
        return index.Search(query.Span, allowed is null ? null : allowed.Contains, limit);
    }

    public async Task<IReadOnlyDictionary<long, float>> SimilaritiesAsync(ReadOnlyMemory<float> query, IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken = default)
    {
        var index = await CurrentIndexAsync(cancellationToken).ConfigureAwait(false);
        var result = new Dictionary<long, float>(chunkIds.Count);
        foreach (var id in chunkIds)
        {
            if (index.Similarity(id, query.Span) is { } similarity)
            {
                result[id] = similarity;
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken = default)
    {
        if (chunkIds.Count == 0)
        {
            return [];
        }

        var byId = (await QueryChunksAsync($"WHERE id IN ({string.Join(',', chunkIds)})", [], cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Id);
        return chunkIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    public Task<IReadOnlyList<ChunkRecord>> GetDocumentChunksAsync(string documentId, CancellationToken cancellationToken = default) =>
        QueryChunksAsync("WHERE document_id = $id ORDER BY number", [("$id", documentId)], cancellationToken);

    private async Task<IReadOnlyList<ChunkRecord>> QueryChunksAsync(string tail, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT id, document_id, number, start, end, text, token_count FROM chunks {tail}", parameters);
        var chunks = new List<ChunkRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            chunks.Add(new ChunkRecord(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2),
                new TextSpan(reader.GetInt32(3), reader.GetInt32(4)), reader.GetString(5), reader.GetInt32(6)));
        }

        return chunks;
    }

    public async Task<(IReadOnlyDictionary<string, int> Frequencies, int Chunks)> TermFrequenciesAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var command = Command(connection,
            "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH $term", ("$term", ""));
        foreach (var term in terms)
        {
            command.Parameters["$term"].Value = "text:\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            frequencies[term] = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
        }

        await using var total = Command(connection, "SELECT count(*) FROM chunks");
        return (frequencies, Convert.ToInt32(await total.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)));
    }

    public async Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection,
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks), (SELECT coalesce(sum(token_count), 0) FROM documents)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var bytes = new[] { Path, Path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        return new StoreStatistics(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2), bytes, _model);
    }

    public async Task<int> ReembedAsync(
        string embeddingModel,
        int dimensions,
        Func<IReadOnlyList<(string Title, string Text)>, CancellationToken, Task<IReadOnlyList<ReadOnlyMemory<float>>>> embed,
        IProgress<int>? progress,
        CancellationToken cancellationToken = default)
    {
        const int batchSize = 128;
        var done = 0;
        await Guard("re-embed the memory", async () =>
        {
            await using var connection = await OpenForWritingAsync(cancellationToken).ConfigureAwait(false);
            SqliteSchema.MemoryFile.Migrate(connection);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await BumpGenerationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var chunks = new List<(long Id, string Title, string Text)>();
            await using (var read = Command(connection, "SELECT c.id, d.title, c.text FROM chunks c JOIN documents d ON d.id = c.document_id ORDER BY c.id"))
            {
                read.Transaction = transaction;
                await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    chunks.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            await using var update = Command(connection, "UPDATE chunks SET embedding = $embedding WHERE id = $id", ("$embedding", Array.Empty<byte>()), ("$id", 0L));
            update.Transaction = transaction;
            foreach (var batch in chunks.Chunk(batchSize))
            {
                var vectors = await embed(batch.Select(c => (c.Title, c.Text)).ToList(), cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < batch.Length; i++)
                {
                    if (vectors[i].Length != dimensions)
                    {
                        throw new MemoryStoreException($"The model '{embeddingModel}' returned {vectors[i].Length} dimensions, not {dimensions}.");
                    }

                    update.Parameters["$embedding"].Value = MemoryMarshal.AsBytes(vectors[i].Span).ToArray();
                    update.Parameters["$id"].Value = batch[i].Id;
                    await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                done += batch.Length;
                progress?.Report(done);
            }

            await SetMetaAsync(connection, transaction, "embedding_model", embeddingModel, cancellationToken).ConfigureAwait(false);
            await SetMetaAsync(connection, transaction, "embedding_dimensions", dimensions.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        _model = embeddingModel;
        _dimensions = dimensions;
        Interlocked.Exchange(ref _indexGeneration, -1);
        return done;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _indexLoad.Dispose();
    }

    private async Task<VectorIndex> CurrentIndexAsync(CancellationToken cancellationToken)
    {
        var generation = await GenerationAsync(cancellationToken).ConfigureAwait(false);
        var index = _index;
        if (index is not null && Interlocked.Read(ref _indexGeneration) == generation)
        {
            return index;
        }

        await _indexLoad.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            generation = await GenerationAsync(cancellationToken).ConfigureAwait(false);
            if (_index is not null && Interlocked.Read(ref _indexGeneration) == generation)
            {
                return _index;
            }

            var loaded = new VectorIndex(_dimensions);
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            generation = Convert.ToInt64(await MetaAsync(connection, transaction, "generation", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            await using var command = Command(connection, "SELECT id, document_id, embedding FROM chunks ORDER BY id");
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var documentIds = new Dictionary<string, string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var documentId = reader.GetString(1);
                if (!documentIds.TryGetValue(documentId, out var shared))
                {
                    documentIds[documentId] = shared = documentId;
                }

                var blob = (byte[])reader.GetValue(2);
                loaded.Add(reader.GetInt64(0), shared, MemoryMarshal.Cast<byte, float>(blob));
            }

            _index = loaded;
            Interlocked.Exchange(ref _indexGeneration, generation);
            return loaded;
        }
        finally
        {
            _indexLoad.Release();
        }
    }

    /// <summary>Applies this process's own write to a loaded index, or marks the index stale if another writer came between.</summary>
    private void UpdateIndex(long generationBefore, string documentId, List<(long Id, ReadOnlyMemory<float> Vector)> added)
    {
        _indexLoad.Wait();
        try
        {
            if (_index is null)
            {
                return;
            }

            if (Interlocked.Read(ref _indexGeneration) != generationBefore)
            {
                Interlocked.Exchange(ref _indexGeneration, -1);
                return;
            }

            _index.RemoveDocument(documentId);
            foreach (var (id, vector) in added)
            {
                _index.Add(id, documentId, vector.Span);
            }

            Interlocked.Exchange(ref _indexGeneration, generationBefore + 1);
        }
        finally
        {
            _indexLoad.Release();
        }
    }

    private async Task<HashSet<string>> DocumentsMatchingAsync(MemoryFilter filter, CancellationToken cancellationToken)
    {
        var parameters = new List<(string, object?)>();
        var where = FilterSql(filter, "id", parameters);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT id FROM documents WHERE {where}", [.. parameters]);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static string FilterSql(MemoryFilter filter, string idColumn, List<(string, object?)> parameters)
    {
        var clauses = new List<string>();
        if (filter.DocumentIds.Count > 0)
        {
            var names = filter.DocumentIds.Select((id, i) =>
            {
                parameters.Add(($"$doc{i}", id));
                return $"$doc{i}";
            });
            clauses.Add($"{idColumn} IN ({string.Join(',', names)})");
        }

        var k = 0;
        foreach (var (key, values) in filter.Tags)
        {
            parameters.Add(($"$tk{k}", key.Trim().ToLowerInvariant()));
            var names = values.Select((value, i) =>
            {
                parameters.Add(($"$tv{k}_{i}", value.Trim()));
                return $"$tv{k}_{i}";
            });
            clauses.Add($"{idColumn} IN (SELECT document_id FROM document_tags WHERE key = $tk{k} AND value IN ({string.Join(',', names)}))");
            k++;
        }

        return string.Join(" AND ", clauses);
    }

    private async Task<IReadOnlyList<DocumentInfo>> QueryDocumentsAsync(string tail, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection,
            $"SELECT {DocumentRows.Columns} FROM documents {tail}",
            [.. parameters]);
        var documents = new List<DocumentInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(DocumentRows.Read(reader));
        }

        return documents;
    }

    private static async Task<bool> DeleteRowsAsync(SqliteConnection connection, SqliteTransaction transaction, string documentId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection,
            """
            DELETE FROM chunks WHERE document_id = $id;
            DELETE FROM document_tags WHERE document_id = $id;
            DELETE FROM documents WHERE id = $id;
            """, ("$id", documentId));
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task<long> GenerationAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT value FROM meta WHERE key = 'generation'");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Increments the write generation inside the transaction and returns the value before.</summary>
    private static async Task<long> BumpGenerationAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection,
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation' RETURNING CAST(value AS INTEGER) - 1");
        command.Transaction = transaction;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>A connection for one write transaction: WAL with normal sync (durable at checkpoints, never corrupt) and the size cap.</summary>
    private async Task<SqliteConnection> OpenForWritingAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA synchronous = NORMAL", cancellationToken).ConfigureAwait(false);
        if (_maxBytes > 0)
        {
            await using var pageSize = Command(connection, "PRAGMA page_size");
            var pages = _maxBytes / Convert.ToInt64(await pageSize.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            await ExecuteAsync(connection, $"PRAGMA max_page_count = {Math.Max(pages, 1)}", cancellationToken).ConfigureAwait(false);
        }

        return connection;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Translate(e, "open the memory");
        }

        return connection;
    }

    private async Task Guard(string action, Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw Translate(e, action);
        }
    }

    private MemoryStoreException Translate(SqliteException e, string action) => e.SqliteErrorCode switch
    {
        SqliteFull => new StoreFullException(
            $"Cannot {action}: {Path} is full (the disk, or Memory:MaxStoreMegabytes{(_maxBytes > 0 ? $" = {_maxBytes / 1048576.0:0.##}" : "")}). Nothing was changed.", e),
        SqliteBusy or SqliteLocked => new MemoryStoreException($"Cannot {action}: {Path} is locked by another process (waited {_lockTimeoutSeconds} s). Nothing was changed.", e),
        SqliteReadOnly => new MemoryStoreException($"Cannot {action}: {Path} is read-only. Nothing was changed.", e),
        SqliteCantOpen => new MemoryStoreException($"Cannot {action}: {Path} cannot be opened or created (check the folder and its permissions).", e),
        _ => new MemoryStoreException($"Cannot {action} in {Path}: {e.Message}", e),
    };

    private static async Task<string?> MetaAsync(SqliteConnection connection, SqliteTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT value FROM meta WHERE key = $key", ("$key", key));
        command.Transaction = transaction;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static async Task SetMetaAsync(SqliteConnection connection, SqliteTransaction transaction, string key, string value, CancellationToken cancellationToken)
    {
        await using var command = Command(connection,
            "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ("$key", key), ("$value", value));
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        command.Transaction = transaction;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
