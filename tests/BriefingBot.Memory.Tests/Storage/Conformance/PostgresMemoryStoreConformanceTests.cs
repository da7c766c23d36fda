using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Storage.Postgres;
using BriefingBot.Memory.Tests.Support;
using Npgsql;

namespace BriefingBot.Memory.Tests.Storage.Conformance;

/// <summary>
/// The conformance suite on a real PostgreSQL server with pgvector (started by scripts/test.sh), each test in a
/// database of its own. Interruption drops the writer's connection with <c>pg_terminate_backend</c> mid-COPY. Beside
/// it, the keyword postings PostgreSQL keeps: always what the chunks' <c>tsvector</c>s say, and scored as BM25.
/// </summary>
public sealed class PostgresMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    private readonly string _database = "conformance_" + Guid.NewGuid().ToString("N");
    private string? _connectionString;

    protected override bool InterruptionIsCertain => true;

    protected override async Task CreateLocationAsync()
    {
        Assert.SkipWhen(TestPostgres.ConnectionString is null, TestPostgres.SkipReason);
        await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
        await admin.OpenAsync(Ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
        await create.ExecuteNonQueryAsync(Ct);
        _connectionString = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Database = _database }.ToString();
    }

    protected override IMemoryStore OpenStore() => new PostgresMemoryStore(_connectionString!);

    protected override async Task DeleteLocationAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    protected override async Task<bool> InterruptSaveAsync(Task save, CancellationTokenSource saveCancellation)
    {
        await using var admin = new NpgsqlConnection(TestPostgres.ConnectionString);
        await admin.OpenAsync(Ct);
        await using var terminate = new NpgsqlCommand(
            """
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = @database AND state = 'active' AND query LIKE 'COPY chunks%'
            """, admin);
        terminate.Parameters.AddWithValue("database", _database);
        while (!save.IsCompleted)
        {
            if (Convert.ToInt64(await terminate.ExecuteScalarAsync(Ct)) > 0)
            {
                return true;
            }

            await Task.Delay(5, Ct);
        }

        return false;
    }

    [Fact]
    public async Task KeywordSearch_AfterReplaceAndDelete_ScoresBm25OfTheChunksStillStored()
    {
        var store = await NewStoreAsync();
        var documents = new[]
        {
            Document("ports", "Harbour strike", ["Dock workers in Rotterdam went on strike.", "The strike closed the harbour for nine days."], [Axis(0), Axis(1)]),
            Document("rail", "Rail strike talks", ["Rail unions and ministers resumed talks on the strike."], [Axis(2)]),
            Document("wine", "Frost in Burgundy", ["A late frost hit vineyards; growers fear a weak harvest."], [Axis(3)]),
            Document("grain", "Grain exports", ["Wheat exports from Odessa rose despite the strike at the harbour."], [Axis(4)]),
        };
        var unrelated = Enumerable.Range(0, 12).Select(i => Document($"weather-{i}", $"Weather {i}", [$"Sunny spells and showers, day {i}."], [Axis(6 + i % 10)]));
        foreach (var document in documents.Concat(unrelated))
        {
            await store.SaveDocumentAsync(document.Info, document.Text, document.Chunks, null, Ct);
        }

        var replaced = Document("rail", "Rail deal", ["Unions accepted the offer and the strike ended."], [Axis(5)]);
        await store.SaveDocumentAsync(replaced.Info, replaced.Text, replaced.Chunks, null, Ct);
        await store.DeleteDocumentAsync("wine", Ct);
        string[] terms = ["strike", "harbour", "frost", "rotterdam", "unions"];

        var hits = await store.KeywordSearchAsync(terms, MemoryFilter.None, 10, Ct);

        Assert.Equal(0L, await ScalarAsync(PostingsDifferenceSql));
        var expected = await Bm25FromTsvectorsAsync(terms);
        Assert.Equal(expected.Keys.Order(), hits.Select(h => h.ChunkId).Order());
        Assert.All(hits, h => Assert.Equal(expected[h.ChunkId], h.Score, expected[h.ChunkId] * 1e-5));
        Assert.Equal(expected.OrderByDescending(e => e.Value).Select(e => e.Key), hits.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task Initialize_OverAMemoryWrittenBeforeThePostings_BuildsThemFromTheStoredChunks()
    {
        var store = await NewStoreAsync();
        var document = Document("ports", "Harbour strike", ["Dock workers in Rotterdam went on strike."], [Axis(0)]);
        await store.SaveDocumentAsync(document.Info, document.Text, document.Chunks, null, Ct);
        await ScalarAsync(
            """
            DROP TABLE chunk_terms;
            DROP FUNCTION chunk_terms_add, chunk_terms_remove CASCADE;
            CREATE INDEX chunks_tsv ON chunks USING gin (tsv);
            DELETE FROM schema_version WHERE version >= 4;
            SELECT 0::bigint
            """);

        var reopened = OpenStore();
        await reopened.InitializeAsync(Model, Dimensions, Ct);

        Assert.Equal(0L, await ScalarAsync(PostingsDifferenceSql));
        Assert.True(await ScalarAsync("SELECT count(*) FROM chunk_terms") > 0);
        Assert.Single(await reopened.KeywordSearchAsync(["rotterdam"], MemoryFilter.None, 10, Ct));
        reopened.Dispose();
    }

    /// <summary>Rows in the postings but not implied by the chunks' tsvectors, plus the reverse.</summary>
    private const string PostingsDifferenceSql =
        """
        WITH implied AS (
            SELECT u.lexeme, c.id AS chunk_id, cardinality(array_positions(u.weights, 'D'))::smallint AS text_frequency,
                   cardinality(array_positions(u.weights, 'A'))::smallint AS title_frequency, c.token_count AS chunk_tokens
            FROM chunks c CROSS JOIN LATERAL unnest(c.tsv) AS u(lexeme, positions, weights)),
        stored AS (SELECT lexeme::text, chunk_id, text_frequency, title_frequency, chunk_tokens FROM chunk_terms)
        SELECT (SELECT count(*) FROM (SELECT * FROM implied EXCEPT SELECT * FROM stored) a)
             + (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM implied) b)
        """;

    /// <summary>BM25 as SQLite's FTS5 computes it (k1 1.2, b 0.75, title occurrences twice), from the chunks' own tsvectors.</summary>
    private async Task<Dictionary<long, float>> Bm25FromTsvectorsAsync(string[] terms)
    {
        var rows = new List<(long Chunk, int Tokens, string Lexeme, int Frequency)>();
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(
                """
                SELECT c.id, c.token_count, u.lexeme, (SELECT count(*) + count(*) FILTER (WHERE w = 'A') FROM unnest(u.weights) AS w)::int
                FROM chunks c CROSS JOIN LATERAL unnest(c.tsv) AS u(lexeme, positions, weights)
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                rows.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3)));
            }
        }

        var lexemes = new List<string>();
        foreach (var term in terms)
        {
            lexemes.Add((string)(await ScalarObjectAsync($"SELECT (tsvector_to_array(to_tsvector('english', '{term}')))[1]"))!);
        }

        var chunks = rows.GroupBy(r => r.Chunk).ToDictionary(g => g.Key, g => g.First().Tokens);
        var average = chunks.Values.Average();
        var scores = new Dictionary<long, float>();
        foreach (var lexeme in lexemes)
        {
            var postings = rows.Where(r => r.Lexeme == lexeme).ToList();
            var idf = Math.Max(Math.Log((chunks.Count - postings.Count + 0.5) / (postings.Count + 0.5)), 1e-6);
            foreach (var posting in postings)
            {
                var score = idf * posting.Frequency * 2.2 / (posting.Frequency + 1.2 * (0.25 + 0.75 * posting.Tokens / average));
                scores[posting.Chunk] = scores.GetValueOrDefault(posting.Chunk) + (float)score;
            }
        }

        return scores;
    }

    private async Task<long> ScalarAsync(string sql) => Convert.ToInt64(await ScalarObjectAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<object?> ScalarObjectAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
