using System.Globalization;
using System.Text.Json;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Language;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace BriefingBot.Memory.Storage.Postgres;

/// <summary>
/// The store for several bot instances and large memories: PostgreSQL with pgvector. One transaction per document
/// (chunks bulk-loaded with binary COPY), vectors in a <c>vector(n)</c> column with an HNSW cosine index, and
/// PostgreSQL full-text search (a weighted <c>tsvector</c> of title and text with a GIN index) for the keyword half.
/// </summary>
public sealed class PostgresMemoryStore : IMemoryStore
{
    private const string TextSearchConfig = "english";
    private const string HeldDocumentsKey = "held_documents";

    /// <summary>Memory for one keyword search's aggregation, so a long posting list is summed without spilling to disk.</summary>
    private const string KeywordWorkMemory = "64MB";

    /// <summary>
    /// How many chunks there are, for inverse document frequencies: counted exactly in small memories, taken from the
    /// planner's statistics (kept current by autovacuum) once counting would cost more than the search.
    /// </summary>
    private const string ChunkTotalSql =
        "SELECT CASE WHEN reltuples >= 20000 THEN reltuples::bigint ELSE (SELECT count(*) FROM chunks) END FROM pg_class WHERE oid = 'chunks'::regclass";

    /// <summary>
    /// The average chunk length in tokens, for BM25's length normalisation: exact in small memories, estimated from a
    /// 1 % block sample once reading every chunk would cost more than the search (a full scan per query at 100k
    /// chunks and beyond).
    /// </summary>
    private const string AverageLengthSql =
        """
        SELECT coalesce(CASE WHEN reltuples >= 20000 THEN (SELECT avg(token_count) FROM chunks TABLESAMPLE SYSTEM (1))
            ELSE (SELECT avg(token_count) FROM chunks) END, 1)::float8 FROM pg_class WHERE oid = 'chunks'::regclass
        """;

    /// <summary>The lexeme a query term is indexed under (the stemmed word; none for a stop word).</summary>
    private static string LexemeSql(string term) => $"(tsvector_to_array(to_tsvector('{TextSearchConfig}', {term})))[1]";

    private readonly PostgresDatabase _database;
    private readonly bool _ownsDataSource;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _server;
    private readonly int _efSearch;
    private string _model = "";

    /// <param name="connectionString">An Npgsql connection string to the database holding the memory.</param>
    /// <param name="efSearch">HNSW candidate list size per query (<c>hnsw.ef_search</c>); at least the requested limit is used.</param>
    public PostgresMemoryStore(string connectionString, int efSearch = 200)
        : this(new PostgresDatabase(PostgresDatabase.CreateDataSource(connectionString)), efSearch, ownsDataSource: true)
    {
    }

    /// <param name="database">The database.</param>
    /// <param name="efSearch">HNSW candidate list size per query (<c>hnsw.ef_search</c>); at least the requested limit is used.</param>
    /// <param name="ownsDataSource">Whether disposing this store disposes the database's data source.</param>
    internal PostgresMemoryStore(PostgresDatabase database, int efSearch, bool ownsDataSource)
    {
        _ownsDataSource = ownsDataSource;
        _database = database;
        _dataSource = database.DataSource;
        _server = database.Server;
        _efSearch = Math.Max(efSearch, 1);
    }

    /// <summary>The pooled connections to the memory's database, shared with the stores kept beside the memory.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    public async Task InitializeAsync(string embeddingModel, int dimensions, CancellationToken cancellationToken = default)
    {
        await Guard("open the memory", async () =>
        {
            await _database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await using var open = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await open.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(open, transaction, "LOCK TABLE meta IN EXCLUSIVE MODE", cancellationToken).ConfigureAwait(false);
            var storedModel = await MetaAsync(open, transaction, "embedding_model", cancellationToken).ConfigureAwait(false);
            var storedDimensions = await MetaAsync(open, transaction, "embedding_dimensions", cancellationToken).ConfigureAwait(false);
            var hasChunks = await ScalarAsync(open, transaction, "SELECT EXISTS (SELECT 1 FROM chunks)", cancellationToken).ConfigureAwait(false) is true;
            if (storedModel is not null && storedModel != embeddingModel && hasChunks)
            {
                throw new MemoryStoreException(
                    $"The memory at {_server} holds vectors made by '{storedModel}' ({storedDimensions} dimensions), but the configured model is " +
                    $"'{embeddingModel}'. Vectors of different models cannot be mixed: run the 'reembed' verb to re-embed every document " +
                    "with the configured model, or configure the original one.");
            }

            await EnsureVectorColumnAsync(open, transaction, dimensions, cancellationToken).ConfigureAwait(false);
            await SetMetaAsync(open, transaction, "embedding_model", embeddingModel, cancellationToken).ConfigureAwait(false);
            await SetMetaAsync(open, transaction, "embedding_dimensions", dimensions.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        _model = embeddingModel;
    }

    public async Task<string?> GetContentHashAsync(string documentId, CancellationToken cancellationToken = default) =>
        await GuardAsync("read the memory", async () =>
        {
            await using var command = _dataSource.CreateCommand("SELECT content_hash FROM documents WHERE id = @id");
            command.Parameters.AddWithValue("id", documentId);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }).ConfigureAwait(false);

    public async Task<SaveOutcome> SaveDocumentAsync(
        DocumentInfo document, string text, IReadOnlyList<NewChunk> chunks, SaveCondition? condition = null, CancellationToken cancellationToken = default) =>
        await GuardAsync($"store document '{document.Id}'", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            SaveOutcome outcome;
            await using (var current = new NpgsqlBatch(connection, transaction))
            {
                // The per-id lock serialises writers of one id, so the stored version read here is the one replaced.
                current.BatchCommands.Add(Batched("SELECT pg_advisory_xact_lock(hashtextextended(@id, 0))", ("id", document.Id)));
                current.BatchCommands.Add(Batched("SELECT content_hash, tags FROM documents WHERE id = @id", ("id", document.Id)));
                await using var reader = await current.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var found = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                outcome = (condition ?? SaveCondition.None).Decide(
                    found ? reader.GetString(0) : null,
                    found ? JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(reader.GetString(1)) : null,
                    document.ContentHash);
                if (outcome is not (SaveOutcome.Created or SaveOutcome.Replaced))
                {
                    return outcome;
                }
            }

            var tagKeys = new List<string>();
            var tagValues = new List<string>();
            foreach (var (key, values) in document.Tags)
            {
                foreach (var value in values)
                {
                    tagKeys.Add(key);
                    tagValues.Add(value);
                }
            }

            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                batch.BatchCommands.Add(Batched("DELETE FROM documents WHERE id = @id", ("id", document.Id)));
                batch.BatchCommands.Add(Batched($"UPDATE meta SET value = '1' WHERE key = '{HeldDocumentsKey}' AND value <> '1'"));
                batch.BatchCommands.Add(Batched(
                    """
                    INSERT INTO documents(id, title, source, published, content_type, tags, content_hash, text, chunk_count, token_count, updated, updated_at)
                    VALUES (@id, @title, @source, @published, @type, @tags, @hash, @text, @chunks, @tokens, @updated, @updated_at)
                    """,
                    ("id", document.Id), ("title", document.Title), ("source", document.Source),
                    ("published", document.Published?.ToString("O", CultureInfo.InvariantCulture)), ("type", document.ContentType),
                    ("tags", JsonSerializer.Serialize(document.Tags)), ("hash", document.ContentHash), ("text", text),
                    ("chunks", chunks.Count), ("tokens", document.TokenCount),
                    ("updated", document.Updated.ToString("O", CultureInfo.InvariantCulture)), ("updated_at", document.Updated.UtcDateTime)));
                batch.BatchCommands.Add(Batched(
                    "INSERT INTO document_tags(document_id, key, value) SELECT @id, k, v FROM unnest(@keys, @values) AS t(k, v) ON CONFLICT DO NOTHING",
                    ("id", document.Id), ("keys", tagKeys.ToArray()), ("values", tagValues.ToArray())));
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var writer = await connection.BeginBinaryImportAsync(
                "COPY chunks(document_id, number, start_offset, end_offset, token_count, title, text, embedding) FROM STDIN (FORMAT BINARY)",
                cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in chunks)
                {
                    await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(document.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(item.Chunk.Number, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(item.Chunk.Span.Start, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(item.Chunk.Span.End, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(item.Chunk.TokenCount, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(document.Title, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(item.Chunk.Text, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await writer.WriteAsync(new Vector(item.Embedding.ToArray()), "vector", cancellationToken).ConfigureAwait(false);
                }

                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return outcome;
        }).ConfigureAwait(false);

    public async Task<bool> DeleteDocumentAsync(string documentId, CancellationToken cancellationToken = default) =>
        await GuardAsync($"delete document '{documentId}'", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(Batched("SELECT pg_advisory_xact_lock(hashtextextended(@id, 0))", ("id", documentId)));
            batch.BatchCommands.Add(Batched("DELETE FROM documents WHERE id = @id", ("id", documentId)));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var deleted = batch.BatchCommands[1].RecordsAffected > 0;
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return deleted;
        }).ConfigureAwait(false);

    public async Task<bool> IsPristineAsync(CancellationToken cancellationToken = default) =>
        await GuardAsync("read the memory", async () =>
        {
            await using var command = _dataSource.CreateCommand($"SELECT value FROM meta WHERE key = '{HeldDocumentsKey}'");
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string == "0";
        }).ConfigureAwait(false);

    public async Task<DocumentInfo?> GetDocumentAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var list = await QueryDocumentsAsync("WHERE id = @id", [("id", documentId)], cancellationToken).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    public async Task<string?> GetDocumentTextAsync(string documentId, CancellationToken cancellationToken = default) =>
        await GuardAsync("read the memory", async () =>
        {
            await using var command = _dataSource.CreateCommand("SELECT text FROM documents WHERE id = @id");
            command.Parameters.AddWithValue("id", documentId);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }).ConfigureAwait(false);

    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(MemoryFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        var parameters = new List<(string, object?)> { ("skip", skip), ("take", take) };
        var where = FilterSql(filter, "id", parameters);
        return QueryDocumentsAsync($"{(where.Length > 0 ? "WHERE " + where : "")} ORDER BY updated_at DESC, id LIMIT @take OFFSET @skip", parameters, cancellationToken);
    }

    /// <summary>
    /// BM25 over the chunks holding any of the terms, as SQLite's FTS5 computes it (k1 = 1.2, b = 0.75, idf =
    /// ln((N - n + 0.5) / (n + 0.5))): a term's frequency counts title occurrences twice, and the chunk's length is its
    /// token count. Per posting that is weight × tf / (tf + 0.3 + per_token × length), with weight = 2.2 × idf and
    /// per_token = 0.9 / average length, all in float8 (a numeric literal there would make every row numeric
    /// arithmetic). Everything is read from the postings table's primary key (an index-only scan per query term), so
    /// a search costs the length of its terms' posting lists, not a visit to every matching chunk.
    /// </summary>
    public async Task<IReadOnlyList<ScoredChunk>> KeywordSearchAsync(IReadOnlyList<string> terms, MemoryFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        if (terms.Count == 0 || limit <= 0)
        {
            return [];
        }

        return await GuardAsync("search the memory", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var parameters = new List<(string, object?)> { ("terms", terms.ToArray()), ("limit", limit) };
            var where = FilterSql(filter, "document_id", parameters);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(Batched($"SET LOCAL work_mem = '{KeywordWorkMemory}'"));
            batch.BatchCommands.Add(Batched(
                $"""
                WITH corpus AS MATERIALIZED (SELECT ({ChunkTotalSql})::float8 AS total, ({AverageLengthSql}) AS average),
                query AS MATERIALIZED (
                    SELECT {LexemeSql("term")} AS lexeme, count(*) AS repeats FROM unnest(@terms::text[]) AS q(term) GROUP BY 1),
                weighted AS MATERIALIZED (
                    SELECT q.lexeme, 2.2::float8 * q.repeats * greatest(ln((c.total - d.chunks + 0.5) / (d.chunks + 0.5)), 1e-6) AS weight,
                           0.9::float8 / c.average AS per_token
                    FROM query q CROSS JOIN corpus c
                    CROSS JOIN LATERAL (SELECT count(*) AS chunks FROM chunk_terms p WHERE p.lexeme = q.lexeme) d
                    WHERE q.lexeme IS NOT NULL AND d.chunks > 0)
                SELECT p.chunk_id, sum(w.weight * f.tf / (f.tf + 0.3::float8 + w.per_token * p.chunk_tokens))::real AS score
                FROM weighted w
                JOIN chunk_terms p ON p.lexeme = w.lexeme
                CROSS JOIN LATERAL (SELECT (p.text_frequency + 2 * p.title_frequency)::float8 AS tf) f
                {(where.Length > 0 ? $"WHERE p.chunk_id IN (SELECT id FROM chunks WHERE {where})" : "")}
                GROUP BY p.chunk_id
                ORDER BY score DESC, p.chunk_id LIMIT @limit
                """, [.. parameters]));
            var hits = new List<ScoredChunk>();
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                {
                }

                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    hits.Add(new ScoredChunk(reader.GetInt64(0), reader.GetFloat(1)));
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<ScoredChunk>)hits;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Unfiltered searches walk the HNSW index with <c>hnsw.ef_search</c> set for the query; filtered searches rank
    /// the filtered chunks exactly, so a narrow filter never loses results to the approximate index.
    /// </summary>
    public async Task<IReadOnlyList<ScoredChunk>> VectorSearchAsync(ReadOnlyMemory<float> query, MemoryFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        if (limit <= 0)
        {
            return [];
        }

        return await GuardAsync("search the memory", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var parameters = new List<(string, object?)> { ("query", new Vector(query.ToArray())), ("limit", limit) };
            string sql;
            if (filter.IsEmpty)
            {
                sql = "SELECT id, (1 - (embedding <=> @query))::real FROM chunks ORDER BY embedding <=> @query LIMIT @limit";
            }
            else
            {
                var where = FilterSql(filter, "document_id", parameters);
                sql = $"""
                    WITH candidates AS MATERIALIZED (SELECT id, embedding FROM chunks WHERE {where})
                    SELECT id, (1 - (embedding <=> @query))::real AS similarity FROM candidates ORDER BY similarity DESC, id LIMIT @limit
                    """;
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(Batched($"SET LOCAL hnsw.ef_search = {Math.Clamp(Math.Max(_efSearch, limit), 1, 1000)}"));
            batch.BatchCommands.Add(Batched(sql, [.. parameters]));
            var hits = new List<ScoredChunk>();
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                {
                }

                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    hits.Add(new ScoredChunk(reader.GetInt64(0), reader.GetFloat(1)));
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<ScoredChunk>)hits;
        }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<long, float>> SimilaritiesAsync(ReadOnlyMemory<float> query, IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken = default)
    {
        if (chunkIds.Count == 0)
        {
            return new Dictionary<long, float>();
        }

        return await GuardAsync("search the memory", async () =>
        {
            await using var command = _dataSource.CreateCommand("SELECT id, (1 - (embedding <=> @query))::real FROM chunks WHERE id = ANY(@ids)");
            command.Parameters.AddWithValue("query", new Vector(query.ToArray()));
            command.Parameters.AddWithValue("ids", chunkIds.ToArray());
            var result = new Dictionary<long, float>(chunkIds.Count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result[reader.GetInt64(0)] = reader.GetFloat(1);
            }

            return (IReadOnlyDictionary<long, float>)result;
        }).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ChunkRecord>> GetChunksAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken = default)
    {
        if (chunkIds.Count == 0)
        {
            return [];
        }

        var byId = (await QueryChunksAsync("WHERE id = ANY(@ids)", [("ids", chunkIds.ToArray())], cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Id);
        return chunkIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    public Task<IReadOnlyList<ChunkRecord>> GetDocumentChunksAsync(string documentId, CancellationToken cancellationToken = default) =>
        QueryChunksAsync("WHERE document_id = @id ORDER BY number", [("id", documentId)], cancellationToken);

    public async Task<(IReadOnlyDictionary<string, int> Frequencies, int Chunks)> TermFrequenciesAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken = default) =>
        await GuardAsync("read the memory", async () =>
        {
            await using var command = _dataSource.CreateCommand(
                $"""
                SELECT ({ChunkTotalSql}), NULL, 0
                UNION ALL
                SELECT NULL, q.term, (SELECT count(*) FROM chunk_terms p WHERE p.lexeme = {LexemeSql("q.term")} AND p.text_frequency > 0)
                FROM unnest(@terms::text[]) AS q(term)
                """);
            command.Parameters.AddWithValue("terms", terms.ToArray());
            var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
            var chunks = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.IsDBNull(1))
                {
                    chunks = (int)reader.GetInt64(0);
                }
                else
                {
                    frequencies[reader.GetString(1)] = (int)reader.GetInt64(2);
                }
            }

            return ((IReadOnlyDictionary<string, int>)frequencies, chunks);
        }).ConfigureAwait(false);

    public async Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        await GuardAsync("read the memory", async () =>
        {
            await using var command = _dataSource.CreateCommand(
                """
                SELECT (SELECT count(*) FROM documents)::int, (SELECT count(*) FROM chunks)::int,
                       (SELECT coalesce(sum(token_count), 0) FROM documents)::bigint,
                       pg_total_relation_size('documents') + pg_total_relation_size('document_tags') + pg_total_relation_size('chunks')
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return new StoreStatistics(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), _model);
        }).ConfigureAwait(false);

    /// <summary>
    /// Re-embeds in one transaction. Writers wait; readers keep the old vectors until it commits, unless the dimensions
    /// change, in which case the column is retyped and readers wait for the commit instead.
    /// </summary>
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
            await _database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "LOCK TABLE meta, documents IN EXCLUSIVE MODE", cancellationToken).ConfigureAwait(false);
            var chunks = new List<(long Id, string Title, string Text)>();
            await using (var read = new NpgsqlCommand("SELECT id, title, text FROM chunks ORDER BY id", connection, transaction))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    chunks.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            if (await VectorDimensionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false) != dimensions)
            {
                await ExecuteAsync(connection, transaction,
                    $"""
                    DROP INDEX IF EXISTS chunks_embedding_hnsw;
                    ALTER TABLE chunks ALTER COLUMN embedding DROP NOT NULL;
                    ALTER TABLE chunks ALTER COLUMN embedding TYPE vector({dimensions}) USING NULL;
                    """, cancellationToken).ConfigureAwait(false);
            }

            foreach (var slice in chunks.Chunk(batchSize))
            {
                var vectors = await embed(slice.Select(c => (c.Title, c.Text)).ToList(), cancellationToken).ConfigureAwait(false);
                await using var batch = new NpgsqlBatch(connection, transaction);
                for (var i = 0; i < slice.Length; i++)
                {
                    if (vectors[i].Length != dimensions)
                    {
                        throw new MemoryStoreException($"The model '{embeddingModel}' returned {vectors[i].Length} dimensions, not {dimensions}.");
                    }

                    batch.BatchCommands.Add(Batched("UPDATE chunks SET embedding = @embedding WHERE id = @id",
                        ("embedding", new Vector(vectors[i].ToArray())), ("id", slice[i].Id)));
                }

                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                done += slice.Length;
                progress?.Report(done);
            }

            await EnsureVectorColumnAsync(connection, transaction, dimensions, cancellationToken).ConfigureAwait(false);
            await SetMetaAsync(connection, transaction, "embedding_model", embeddingModel, cancellationToken).ConfigureAwait(false);
            await SetMetaAsync(connection, transaction, "embedding_dimensions", dimensions.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        _model = embeddingModel;
        return done;
    }

    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    /// <summary>Types the vector column with the model's dimensions (when no other vectors are in it) and builds the HNSW index.</summary>
    private static async Task EnsureVectorColumnAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int dimensions, CancellationToken cancellationToken)
    {
        if (await VectorDimensionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false) != dimensions)
        {
            await ExecuteAsync(connection, transaction,
                $"""
                DROP INDEX IF EXISTS chunks_embedding_hnsw;
                DELETE FROM chunks WHERE embedding IS NULL;
                ALTER TABLE chunks ALTER COLUMN embedding TYPE vector({dimensions});
                """, cancellationToken).ConfigureAwait(false);
        }

        if (await ScalarAsync(connection, transaction, "SELECT to_regclass('chunks_embedding_hnsw') IS NULL", cancellationToken).ConfigureAwait(false) is true)
        {
            await ExecuteAsync(connection, transaction,
                """
                ALTER TABLE chunks ALTER COLUMN embedding SET NOT NULL;
                CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops);
                """, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> VectorDimensionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await ScalarAsync(connection, transaction,
            "SELECT atttypmod FROM pg_attribute WHERE attrelid = 'chunks'::regclass AND attname = 'embedding'",
            cancellationToken).ConfigureAwait(false) is int typmod ? typmod : -1;

    private async Task<IReadOnlyList<ChunkRecord>> QueryChunksAsync(string tail, (string, object?)[] parameters, CancellationToken cancellationToken) =>
        await GuardAsync("read the memory", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection, $"SELECT id, document_id, number, start_offset, end_offset, text, token_count FROM chunks {tail}", parameters);
            var chunks = new List<ChunkRecord>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                chunks.Add(new ChunkRecord(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2),
                    new TextSpan(reader.GetInt32(3), reader.GetInt32(4)), reader.GetString(5), reader.GetInt32(6)));
            }

            return (IReadOnlyList<ChunkRecord>)chunks;
        }).ConfigureAwait(false);

    private async Task<IReadOnlyList<DocumentInfo>> QueryDocumentsAsync(string tail, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken) =>
        await GuardAsync("read the memory", async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Command(connection,
                $"SELECT {DocumentRows.Columns} FROM documents {tail}",
                parameters);
            var documents = new List<DocumentInfo>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                documents.Add(DocumentRows.Read(reader));
            }

            return (IReadOnlyList<DocumentInfo>)documents;
        }).ConfigureAwait(false);

    private static string FilterSql(MemoryFilter filter, string idColumn, List<(string, object?)> parameters)
    {
        var clauses = new List<string>();
        if (filter.DocumentIds.Count > 0)
        {
            parameters.Add(("docs", filter.DocumentIds.ToArray()));
            clauses.Add($"{idColumn} = ANY(@docs)");
        }

        var k = 0;
        foreach (var (key, values) in filter.Tags)
        {
            parameters.Add(($"tk{k}", key.Trim().ToLowerInvariant()));
            parameters.Add(($"tv{k}", values.Select(v => v.Trim()).ToArray()));
            clauses.Add($"{idColumn} IN (SELECT document_id FROM document_tags WHERE key = @tk{k} AND value = ANY(@tv{k}))");
            k++;
        }

        return string.Join(" AND ", clauses);
    }

    private Task Guard(string action, Func<Task> work) => _database.GuardAsync(action, work);

    private Task<T> GuardAsync<T>(string action, Func<Task<T>> work) => _database.GuardAsync(action, work);

    private static async Task<string?> MetaAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT value FROM meta WHERE key = @key", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static async Task SetMetaAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string key, string value, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO meta(key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value", connection, transaction);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("value", value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static NpgsqlBatchCommand Batched(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
