using BriefingBot.Memory.Storage.Sqlite;
using System.Text;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BriefingBot.Memory.Tests.Storage;

/// <summary>Ingestion, replacement and deletion against a real SQLite file and the real model.</summary>
public sealed class MemoryLifecycleTests
{
    private const string Harbour =
        "Harbour strike ends\n\nDock workers in Rotterdam ended a nine-day strike on Friday after the port authority agreed to a 6 percent pay rise. " +
        "Union leader Marta Vos said the deal protected jobs. Shipping lines expect the backlog of containers to clear within two weeks.";

    private const string Vineyard =
        "Frost hits vineyards\n\nA late frost damaged vines across Burgundy, where growers lit candles between the rows overnight. " +
        "The regional wine board estimated that a third of the harvest could be lost.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_OneMegabyteQueryOfDistinctWords_CutToTheLimit_StillFindsTheDocument()
    {
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText(Harbour, "harbour"), Ct);
        var query = "dock workers strike Rotterdam " + string.Join(' ', Enumerable.Range(0, 120_000).Select(i => "term" + i.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));

        var result = await test.Memory.SearchAsync(new SearchRequest { Query = query, Limit = 5 }, Ct);

        Assert.True(query.Length > 1_000_000);
        Assert.Equal("harbour", result.Hits[0].Document.Id);
        Assert.Equal(64, new SearchOptions().KeywordTerms(query).Count);
    }

    [Fact]
    public async Task Ingest_SameContentTwice_SecondDoesNoWork()
    {
        using var test = await TestMemory.CreateAsync();

        var first = await test.Memory.IngestAsync(IngestRequest.FromText(Harbour, "harbour"), Ct);
        var second = await test.Memory.IngestAsync(IngestRequest.FromText(Harbour, "harbour"), Ct);

        Assert.Equal(IngestOutcome.Created, first.Outcome);
        Assert.Equal(IngestOutcome.Unchanged, second.Outcome);
        Assert.DoesNotContain(IngestionPipeline.EmbedStep, second.Steps);
        Assert.Equal(first.Chunks, (await test.Memory.Store.GetStatisticsAsync(Ct)).Chunks);
    }

    [Fact]
    public async Task Ingest_NewContentUnderSameId_ReplacesTheOldChunks()
    {
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText(Harbour, "story"), Ct);

        var replaced = await test.Memory.IngestAsync(IngestRequest.FromText(Vineyard, "story"), Ct);

        Assert.Equal(IngestOutcome.Replaced, replaced.Outcome);
        var documents = await test.Memory.ListAsync(cancellationToken: Ct);
        Assert.Equal("Frost hits vineyards", Assert.Single(documents).Title);
        var oldWords = await test.Memory.Store.KeywordSearchAsync(["rotterdam"], MemoryFilter.None, 10, Ct);
        Assert.Empty(oldWords);
        var stats = await test.Memory.Store.GetStatisticsAsync(Ct);
        Assert.Equal(replaced.Chunks, stats.Chunks);
    }

    [Fact]
    public async Task Delete_Document_RemovesItFromEveryIndex()
    {
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText(Harbour, "harbour"), Ct);
        await test.Memory.IngestAsync(IngestRequest.FromText(Vineyard, "vineyard"), Ct);
        await test.Memory.SearchAsync(new SearchRequest { Query = "strike" }, Ct); // loads the vector index

        Assert.True(await test.Memory.DeleteAsync("harbour", Ct));

        var hits = (await test.Memory.SearchAsync(new SearchRequest { Query = "dock workers strike in Rotterdam", Limit = 10 }, Ct)).Hits;
        Assert.All(hits, h => Assert.Equal("vineyard", h.Document.Id));
        Assert.Null(await test.Memory.Store.GetDocumentAsync("harbour", Ct));
        Assert.Empty(await test.Memory.Store.KeywordSearchAsync(["rotterdam"], MemoryFilter.None, 10, Ct));
        Assert.False(await test.Memory.DeleteAsync("harbour", Ct));
    }

    [Fact]
    public async Task Search_TagAndDocumentFilters_RestrictTheResults()
    {
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText(Harbour, "harbour") with { Tags = new TagSet().Add("desk", "europe").Add("topic", "labour") }, Ct);
        await test.Memory.IngestAsync(IngestRequest.FromText(Vineyard, "vineyard") with { Tags = new TagSet().Add("desk", "france") }, Ct);

        var europe = await test.Memory.SearchAsync(new SearchRequest
        {
            Query = "frost damaged the harvest",
            Filter = new MemoryFilter { Tags = new Dictionary<string, IReadOnlyList<string>> { ["desk"] = ["europe"] } },
        }, Ct);
        var byDocument = await test.Memory.SearchAsync(new SearchRequest
        {
            Query = "strike",
            Filter = new MemoryFilter { DocumentIds = ["vineyard"] },
        }, Ct);
        var listed = await test.Memory.ListAsync(new MemoryFilter { Tags = new Dictionary<string, IReadOnlyList<string>> { ["topic"] = ["labour"] } }, cancellationToken: Ct);

        Assert.NotEmpty(europe.Hits);
        Assert.All(europe.Hits, h => Assert.Equal("harbour", h.Document.Id));
        Assert.All(byDocument.Hits, h => Assert.Equal("vineyard", h.Document.Id));
        Assert.Equal("harbour", Assert.Single(listed).Id);
    }

    [Fact]
    public async Task Ingest_CorruptFileInABatch_FailsAloneAndTheRestLands()
    {
        using var test = await TestMemory.CreateAsync();
        var requests = new[]
        {
            IngestRequest.FromText(Harbour, "harbour"),
            new IngestRequest { DocumentId = "broken", FileName = "broken.pdf", Content = Encoding.ASCII.GetBytes("%PDF-1.7 not really a pdf") },
            new IngestRequest { DocumentId = "mystery", FileName = "mystery.xyz", Content = new byte[] { 1, 2, 3 } },
            IngestRequest.FromText(Vineyard, "vineyard"),
        };

        var results = new List<IngestResult>();
        await foreach (var result in test.Memory.IngestAsync(requests.ToAsyncEnumerable(), Ct))
        {
            results.Add(result);
        }

        Assert.Equal(IngestOutcome.Failed, results.Single(r => r.DocumentId == "broken").Outcome);
        Assert.Contains("unknown format", results.Single(r => r.DocumentId == "mystery").Error);
        Assert.Equal(2, results.Count(r => r.Outcome == IngestOutcome.Created));
        Assert.Equal(["harbour", "vineyard"], (await test.Memory.ListAsync(cancellationToken: Ct)).Select(d => d.Id).Order());
    }

    [Fact]
    public async Task Open_StoreMadeByAnotherModel_RefusesAndNamesTheFix()
    {
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText(Harbour, "harbour"), Ct);
        using var other = new SqliteMemoryStore(test.Options.StorePath);

        var error = await Assert.ThrowsAsync<MemoryStoreException>(() =>
            other.InitializeAsync(EmbeddingModelProfile.MiniLM.Id, EmbeddingModelProfile.MiniLM.Dimensions, Ct));

        Assert.Contains(EmbeddingModelProfile.ArcticXs.Id, error.Message);
        Assert.Contains("reembed", error.Message);
    }

    [Fact]
    public async Task Search_AfterAnotherProcessWrites_SeesTheNewDocument()
    {
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText(Harbour, "harbour"), Ct);
        await test.Memory.SearchAsync(new SearchRequest { Query = "strike" }, Ct);
        using var writer = await test.OpenAgainAsync();

        await writer.IngestAsync(IngestRequest.FromText(Vineyard, "vineyard"), Ct);
        var hits = await test.Memory.Store.VectorSearchAsync(
            (await test.Memory.Embedder.GenerateAsync(["frost in the vineyards"], EmbeddingPurpose.QueryOptions, Ct))[0].Vector, MemoryFilter.None, 1, Ct);

        var top = Assert.Single(await test.Memory.Store.GetChunksAsync([hits[0].ChunkId], Ct));
        Assert.Equal("vineyard", top.DocumentId);
    }

    [Fact]
    public async Task Ingest_WhileAnotherWriterHoldsTheLock_FailsClearlyAndStoresNothing()
    {
        using var test = await TestMemory.CreateAsync(o => o.LockTimeoutSeconds = 1);
        using var blocker = new SqliteConnection($"Data Source={test.Options.StorePath}");
        blocker.Open();
        using var transaction = blocker.BeginTransaction(deferred: false);

        var result = await test.Memory.IngestAsync(IngestRequest.FromText(Harbour, "harbour"), Ct);

        Assert.Equal(IngestOutcome.Failed, result.Outcome);
        Assert.Contains("locked", result.Error);
        transaction.Rollback();
        Assert.Empty(await test.Memory.ListAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task Ingest_StoreFull_FailsClearlyAndKeepsWhatWasStored()
    {
        using var test = await TestMemory.CreateAsync(o => o.MaxStoreMegabytes = 0.25);
        await test.Memory.IngestAsync(IngestRequest.FromText(Harbour, "harbour"), Ct);
        var big = string.Join("\n\n", Enumerable.Range(0, 400).Select(i =>
            $"Paragraph {i} of the long report describes shipment {i * 7} crossing the strait on day {i % 30} under escort."));

        var result = await test.Memory.IngestAsync(IngestRequest.FromText("Long report\n\n" + big, "long-report"), Ct);

        Assert.Equal(IngestOutcome.Failed, result.Outcome);
        Assert.Contains("full", result.Error);
        Assert.Equal(["harbour"], (await test.Memory.ListAsync(cancellationToken: Ct)).Select(d => d.Id));
        Assert.Equal((await test.Memory.Store.GetDocumentAsync("harbour", Ct))!.ChunkCount, (await test.Memory.Store.GetStatisticsAsync(Ct)).Chunks);
    }
}
