using BriefingBot.Memory.Storage.Sqlite;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion.Chunking;
using BriefingBot.Memory.Language;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Benchmarks;

/// <summary>
/// FTS5 BM25 through <see cref="SqliteMemoryStore.KeywordSearchAsync"/> (the store's real query, title weighted) over
/// the 5,183 SciFact abstracts, one chunk each, top 60; the query words are the content words of SciFact's own
/// document titles, taken in turn.
/// </summary>
[MemoryDiagnoser]
public class KeywordSearchBenchmarks
{
    private readonly List<List<string>> _queries = [];
    private string _folder = "";
    private SqliteMemoryStore? _store;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "briefingbot-bench-fts", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _store = new SqliteMemoryStore(Path.Combine(_folder, "memory.db"));
        _store.InitializeAsync("random", 8).GetAwaiter().GetResult();
        var random = new Random(7);
        var count = 0;
        foreach (var line in RepositoryFiles.SciFactCorpus().SelectMany(File.ReadLines).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var id = json.RootElement.GetProperty("_id").GetString()!;
            var title = json.RootElement.GetProperty("title").GetString() ?? "";
            var text = json.RootElement.GetProperty("text").GetString() ?? "";
            if (text.Length == 0)
            {
                continue;
            }

            var document = new DocumentInfo
            {
                Id = id,
                Title = title,
                ContentType = "text/plain",
                Tags = new Dictionary<string, IReadOnlyList<string>>(),
                ChunkCount = 1,
                TokenCount = text.Length / 4,
                ContentHash = id,
                Updated = DateTimeOffset.UnixEpoch,
            };
            var chunk = new TextChunk(0, new TextSpan(0, text.Length), text, text.Length / 4);
            _store.SaveDocumentAsync(document, text, [new NewChunk(chunk, UnitVectors.Next(random, 8))]).GetAwaiter().GetResult();
            if (count++ % 50 == 0)
            {
                _queries.Add(QueryTerms.ContentWords(title));
            }
        }
    }

    [Benchmark]
    public int Search() => _store!.KeywordSearchAsync(_queries[_next++ % _queries.Count], MemoryFilter.None, 60).GetAwaiter().GetResult().Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
