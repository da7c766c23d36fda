using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion.Chunking;
using BriefingBot.Memory.Language;
using BriefingBot.Memory.Storage;

namespace BriefingBot.Memory.Tests.Storage.Conformance;

/// <summary>
/// The behaviour every <see cref="IMemoryStore"/> must share, run against each real store by a subclass, so the
/// stores cannot drift apart. Vectors are small, hand-made unit vectors whose cosine similarities are known exactly.
/// </summary>
public abstract class MemoryStoreConformanceTests : IAsyncLifetime
{
    protected const string Model = "conformance-model";
    protected const int Dimensions = 16;

    private readonly List<IMemoryStore> _stores = [];
    private bool _located;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Prepares a fresh, empty place for a store (a file, a database); skips the test when it cannot exist here.</summary>
    protected abstract Task CreateLocationAsync();

    /// <summary>A new store object over the location, as another process would open it; not yet initialised.</summary>
    protected abstract IMemoryStore OpenStore();

    protected abstract Task DeleteLocationAsync();

    /// <summary>Breaks a save that is under way (drops its connection, or cancels it); true when it was broken before it ended.</summary>
    protected abstract Task<bool> InterruptSaveAsync(Task save, CancellationTokenSource saveCancellation);

    /// <summary>Whether <see cref="InterruptSaveAsync"/> always lands before the save ends (it can see the save in progress).</summary>
    protected virtual bool InterruptionIsCertain => false;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        if (_located)
        {
            await DeleteLocationAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SaveDocument_ThenRead_ReturnsDocumentTextAndChunksInOrder()
    {
        var store = await NewStoreAsync();
        var doc = Document("harbour", "Harbour strike ends", ["Dock workers in Rotterdam ended a strike.", "Ships left the port on Monday."],
            [Axis(0), Axis(1)], ("topic", "ports"));

        await store.SaveDocumentAsync(doc.Info, doc.Text, doc.Chunks, null, Ct);

        var stored = await store.GetDocumentAsync("harbour", Ct);
        Assert.NotNull(stored);
        Assert.Equal(doc.Info, stored with { Tags = doc.Info.Tags });
        Assert.Equal(["ports"], stored.Tags["topic"]);
        Assert.Equal(doc.Text, await store.GetDocumentTextAsync("harbour", Ct));
        var chunks = await store.GetDocumentChunksAsync("harbour", Ct);
        Assert.Equal([0, 1], chunks.Select(c => c.Number));
        Assert.All(chunks, c => Assert.Equal(doc.Text[c.Span.Start..c.Span.End], c.Text));
        Assert.Equal(doc.Chunks.Select(c => c.Chunk.Text), chunks.Select(c => c.Text));
        var byId = await store.GetChunksAsync([chunks[1].Id, chunks[0].Id], Ct);
        Assert.Equal([chunks[1].Id, chunks[0].Id], byId.Select(c => c.Id));
        Assert.Null(await store.GetDocumentAsync("missing", Ct));
        Assert.Null(await store.GetDocumentTextAsync("missing", Ct));
    }

    [Fact]
    public async Task SaveDocument_SameId_ReplacesTheEarlierVersionEntirely()
    {
        var store = await NewStoreAsync();
        var first = Document("report", "Grain report", ["Wheat exports from Odessa rose.", "Barley stayed flat.", "Maize fell."], [Axis(0), Axis(1), Axis(2)]);
        await store.SaveDocumentAsync(first.Info, first.Text, first.Chunks, null, Ct);
        var second = Document("report", "Grain report", ["Fertiliser prices climbed in Brazil."], [Axis(3)], ("region", "latam"));

        await store.SaveDocumentAsync(second.Info, second.Text, second.Chunks, null, Ct);

        Assert.Empty(await store.KeywordSearchAsync(["odessa"], MemoryFilter.None, 10, Ct));
        Assert.Single(await store.KeywordSearchAsync(["fertiliser"], MemoryFilter.None, 10, Ct));
        Assert.Single(await store.GetDocumentChunksAsync("report", Ct));
        Assert.Equal(second.Info.ContentHash, await store.GetContentHashAsync("report", Ct));
        Assert.Equal(["latam"], (await store.GetDocumentAsync("report", Ct))!.Tags["region"]);
        var statistics = await store.GetStatisticsAsync(Ct);
        Assert.Equal((1, 1), (statistics.Documents, statistics.Chunks));
    }

    [Fact]
    public async Task SaveDocument_ReportsCreatedUnchangedReplaced_FromWhatIsStored()
    {
        var store = await NewStoreAsync();
        var first = Document("outcome", "Outcome", ["Port fees rose."], [Axis(0)]);
        var second = Document("outcome", "Outcome", ["Port fees fell."], [Axis(1)]);

        Assert.Equal(SaveOutcome.Created, await store.SaveDocumentAsync(first.Info, first.Text, first.Chunks, null, Ct));
        Assert.Equal(SaveOutcome.Unchanged, await store.SaveDocumentAsync(first.Info, first.Text, first.Chunks, null, Ct));
        Assert.Equal(SaveOutcome.Replaced, await store.SaveDocumentAsync(second.Info, second.Text, second.Chunks, null, Ct));
        Assert.Equal(second.Info.ContentHash, await store.GetContentHashAsync("outcome", Ct));
    }

    [Fact]
    public async Task SaveDocument_StoredDocumentOutsideTheWritersScope_RefusedAndNothingWritten()
    {
        var store = await NewStoreAsync();
        var asia = Document("contested", "Rice", ["Rice prices doubled in Osaka."], [Axis(2)], ("desk", "asia"));
        var europe = Document("contested", "Gas", ["Gas storage in Rehden is almost empty."], [Axis(3)], ("desk", "europe"));
        await store.SaveDocumentAsync(asia.Info, asia.Text, asia.Chunks, null, Ct);
        var europeScope = new SaveCondition { Scope = new Dictionary<string, IReadOnlyList<string>> { ["desk"] = ["europe"] } };

        var outcome = await store.SaveDocumentAsync(europe.Info, europe.Text, europe.Chunks, europeScope, Ct);

        Assert.Equal(SaveOutcome.OutOfScope, outcome);
        Assert.Equal(["asia"], (await store.GetDocumentAsync("contested", Ct))!.Tags["desk"]);
        Assert.Empty(await store.KeywordSearchAsync(["rehden"], MemoryFilter.None, 10, Ct));
        Assert.DoesNotContain(await store.VectorSearchAsync(Axis(3), MemoryFilter.None, 10, Ct), h => h.Score > 0.5f);
        var fresh = Document("europe-only", "Gas", ["Gas storage in Rehden is almost empty."], [Axis(3)], ("desk", "europe"));
        Assert.Equal(SaveOutcome.Created, await store.SaveDocumentAsync(fresh.Info, fresh.Text, fresh.Chunks, europeScope, Ct));
    }

    [Fact]
    public async Task SaveDocument_IfMatchAnOlderVersion_ConflictAndNothingWritten_IfMatchTheStoredOne_Replaced()
    {
        var store = await NewStoreAsync();
        var first = Document("versioned", "Memo", ["Budget talks resume."], [Axis(0)]);
        var second = Document("versioned", "Memo", ["Budget talks stall."], [Axis(1)]);
        var third = Document("versioned", "Memo", ["Budget talks collapse."], [Axis(2)]);
        var absent = Document("never-stored", "Memo", ["Budget talks resume."], [Axis(0)]);
        await store.SaveDocumentAsync(first.Info, first.Text, first.Chunks, null, Ct);
        await store.SaveDocumentAsync(second.Info, second.Text, second.Chunks, null, Ct);

        var stale = await store.SaveDocumentAsync(third.Info, third.Text, third.Chunks, new SaveCondition { IfMatch = first.Info.ContentHash }, Ct);
        var none = await store.SaveDocumentAsync(absent.Info, absent.Text, absent.Chunks, new SaveCondition { IfMatch = SaveCondition.AnyVersion }, Ct);

        Assert.Equal(SaveOutcome.Conflict, stale);
        Assert.Equal(SaveOutcome.Conflict, none);
        Assert.Equal(second.Info.ContentHash, await store.GetContentHashAsync("versioned", Ct));
        Assert.Null(await store.GetDocumentAsync("never-stored", Ct));
        Assert.Equal(SaveOutcome.Replaced, await store.SaveDocumentAsync(third.Info, third.Text, third.Chunks, new SaveCondition { IfMatch = second.Info.ContentHash }, Ct));
    }

    [Fact]
    public async Task SaveDocument_TwoStoresWriteOneNewIdAtOnce_ExactlyOneIsCreated()
    {
        var first = await NewStoreAsync();
        var second = Track(OpenStore());
        await second.InitializeAsync(Model, Dimensions, Ct);
        for (var round = 0; round < 15; round++)
        {
            var a = Document($"race-{round}", "Race", Enumerable.Range(0, 40).Select(i => $"Writer A passage {i}.").ToArray(), Enumerable.Range(0, 40).Select(i => Plane(i * 0.01)).ToArray());
            var b = Document($"race-{round}", "Race", Enumerable.Range(0, 40).Select(i => $"Writer B passage {i}.").ToArray(), Enumerable.Range(0, 40).Select(i => Plane(i * 0.02)).ToArray());

            var outcomes = await Task.WhenAll(
                Task.Run(() => first.SaveDocumentAsync(a.Info, a.Text, a.Chunks, null, Ct), Ct),
                Task.Run(() => second.SaveDocumentAsync(b.Info, b.Text, b.Chunks, null, Ct), Ct));

            Assert.Equal([SaveOutcome.Created, SaveOutcome.Replaced], outcomes.Order());
            Assert.Equal(40, (await first.GetDocumentChunksAsync($"race-{round}", Ct)).Count);
        }
    }

    [Fact]
    public async Task DeleteDocument_RemovesDocumentChunksAndTags_AndReportsWhetherItExisted()
    {
        var store = await NewStoreAsync();
        var doc = Document("frost", "Frost hits vineyards", ["A late frost damaged vines across Burgundy."], [Axis(4)], ("topic", "farming"));
        await store.SaveDocumentAsync(doc.Info, doc.Text, doc.Chunks, null, Ct);

        Assert.True(await store.DeleteDocumentAsync("frost", Ct));
        Assert.False(await store.DeleteDocumentAsync("frost", Ct));

        Assert.Null(await store.GetContentHashAsync("frost", Ct));
        Assert.Empty(await store.GetDocumentChunksAsync("frost", Ct));
        Assert.Empty(await store.KeywordSearchAsync(["frost"], MemoryFilter.None, 10, Ct));
        Assert.Empty(await store.VectorSearchAsync(Axis(4), MemoryFilter.None, 10, Ct));
        Assert.Empty(await store.ListDocumentsAsync(Tagged("topic", "farming"), 0, 10, Ct));
    }

    [Fact]
    public async Task GetContentHash_ReturnsTheStoredHashUntilTheContentChanges()
    {
        var store = await NewStoreAsync();
        var doc = Document("memo", "Memo", ["Budget talks resume."], [Axis(0)]);
        Assert.Null(await store.GetContentHashAsync("memo", Ct));

        await store.SaveDocumentAsync(doc.Info, doc.Text, doc.Chunks, null, Ct);

        Assert.Equal(doc.Info.ContentHash, await store.GetContentHashAsync("memo", Ct));
        var changed = Document("memo", "Memo", ["Budget talks collapse."], [Axis(0)]);
        Assert.NotEqual(doc.Info.ContentHash, changed.Info.ContentHash);
        await store.SaveDocumentAsync(changed.Info, changed.Text, changed.Chunks, null, Ct);
        Assert.Equal(changed.Info.ContentHash, await store.GetContentHashAsync("memo", Ct));
    }

    [Fact]
    public async Task KeywordSearch_RanksRareTermsAndTitleMatchesFirst()
    {
        var store = await NewStoreAsync();
        var filler = "Officials said talks would continue next week after a long meeting.";
        await SaveAllAsync(store,
            Document("titled", "Pipeline sabotage inquiry", [filler], [Axis(0)]),
            Document("mentioned", "Weekly digest", [$"{filler} The pipeline inquiry was mentioned."], [Axis(1)]),
            Document("rare", "Strike in Rotterdam", ["Dock workers went on strike in Rotterdam."], [Axis(2)]),
            Document("common-1", "Strike news", ["Teachers continue their strike."], [Axis(3)]),
            Document("common-2", "Strike update", ["Bus drivers joined the strike."], [Axis(4)]),
            Document("unrelated", "Weather", ["Sunny spells across the north."], [Axis(5)]));

        var pipeline = await store.KeywordSearchAsync(["pipeline"], MemoryFilter.None, 10, Ct);
        var strike = await store.KeywordSearchAsync(["strike", "rotterdam"], MemoryFilter.None, 10, Ct);

        Assert.Equal(["titled", "mentioned"], await DocumentsOfAsync(store, pipeline));
        Assert.True(pipeline[0].Score > pipeline[1].Score);
        var strikeDocuments = await DocumentsOfAsync(store, strike);
        Assert.Equal("rare", strikeDocuments[0]);
        Assert.Equal(["common-1", "common-2", "rare"], strikeDocuments.Order());
        Assert.Empty(await store.KeywordSearchAsync(["volcano"], MemoryFilter.None, 10, Ct));
        Assert.Empty(await store.KeywordSearchAsync([], MemoryFilter.None, 10, Ct));
        Assert.Single(await store.KeywordSearchAsync(["strike", "rotterdam"], MemoryFilter.None, 1, Ct));
    }

    [Fact]
    public async Task KeywordSearch_MatchesInflectedFormsOfTheTerm()
    {
        var store = await NewStoreAsync();
        await SaveAllAsync(store, Document("talks", "Negotiations", ["The delegations negotiated for hours."], [Axis(0)]));

        var hits = await store.KeywordSearchAsync(["negotiating"], MemoryFilter.None, 10, Ct);

        Assert.Single(hits);
    }

    [Fact]
    public async Task VectorSearch_OrdersByCosineSimilarity_WithExactScores()
    {
        var store = await NewStoreAsync();
        var angles = new[] { 0.0, 0.3, 0.7, 1.1, 1.5 };
        await SaveAllAsync(store, angles.Select((a, i) =>
            Document($"doc-{i}", $"Document {i}", [$"Passage {i}."], [Plane(a)])).ToArray());

        var hits = await store.VectorSearchAsync(Plane(0.05), MemoryFilter.None, 3, Ct);

        Assert.Equal(["doc-0", "doc-1", "doc-2"], await DocumentsOfAsync(store, hits));
        for (var i = 0; i < hits.Count; i++)
        {
            Assert.Equal(Math.Cos(angles[i] - 0.05), hits[i].Score, 4);
        }
    }

    [Fact]
    public async Task Search_FilteredByTagOrDocument_ReturnsOnlyThoseDocuments()
    {
        var store = await NewStoreAsync();
        await SaveAllAsync(store,
            Document("a", "Energy prices", ["Gas prices rose sharply."], [Plane(0)], ("desk", "economy"), ("region", "eu")),
            Document("b", "Energy policy", ["Gas storage targets were met."], [Plane(0.1)], ("desk", "politics"), ("region", "eu")),
            Document("c", "Energy markets", ["Gas futures fell in Asia."], [Plane(0.2)], ("desk", "economy"), ("region", "asia")));
        var economyInEu = new MemoryFilter
        {
            Tags = new Dictionary<string, IReadOnlyList<string>> { ["desk"] = ["economy"], ["region"] = ["eu", "us"] },
        };
        var onlyC = new MemoryFilter { DocumentIds = ["c"] };

        Assert.Equal(["a"], await DocumentsOfAsync(store, await store.KeywordSearchAsync(["gas"], economyInEu, 10, Ct)));
        Assert.Equal(["a"], await DocumentsOfAsync(store, await store.VectorSearchAsync(Plane(0.2), economyInEu, 10, Ct)));
        Assert.Equal(["a"], (await store.ListDocumentsAsync(economyInEu, 0, 10, Ct)).Select(d => d.Id));
        Assert.Equal(["c"], await DocumentsOfAsync(store, await store.KeywordSearchAsync(["gas"], onlyC, 10, Ct)));
        Assert.Equal(["c"], await DocumentsOfAsync(store, await store.VectorSearchAsync(Plane(0), onlyC, 10, Ct)));
        Assert.Equal(["a", "c"], (await store.ListDocumentsAsync(Tagged("desk", "economy"), 0, 10, Ct)).Select(d => d.Id).Order());
        Assert.Empty(await store.VectorSearchAsync(Plane(0), Tagged("desk", "sport"), 10, Ct));
    }

    [Fact]
    public async Task ListDocuments_NewestFirst_PagesWithSkipAndTake()
    {
        var store = await NewStoreAsync();
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(2));
        for (var i = 0; i < 5; i++)
        {
            var doc = Document($"n{i}", $"Note {i}", [$"Note number {i}."], [Axis(i)]);
            await store.SaveDocumentAsync(doc.Info with { Updated = start.AddMinutes(i) }, doc.Text, doc.Chunks, null, Ct);
        }

        var page = await store.ListDocumentsAsync(MemoryFilter.None, 1, 2, Ct);

        Assert.Equal(["n3", "n2"], page.Select(d => d.Id));
        Assert.Equal(start.AddMinutes(3), page[0].Updated);
        Assert.Equal(start.AddMinutes(3).Offset, page[0].Updated.Offset);
    }

    [Fact]
    public async Task Similarities_ReturnTheCosineOfEachRequestedChunk()
    {
        var store = await NewStoreAsync();
        var doc = Document("pair", "Pair", ["First passage.", "Second passage."], [Plane(0), Plane(1.0)]);
        await store.SaveDocumentAsync(doc.Info, doc.Text, doc.Chunks, null, Ct);
        var chunks = await store.GetDocumentChunksAsync("pair", Ct);

        var similarities = await store.SimilaritiesAsync(Plane(0.4), [chunks[0].Id, chunks[1].Id, 999_999], Ct);

        Assert.Equal(2, similarities.Count);
        Assert.Equal(Math.Cos(0.4), similarities[chunks[0].Id], 4);
        Assert.Equal(Math.Cos(0.6), similarities[chunks[1].Id], 4);
    }

    [Fact]
    public async Task TermFrequencies_CountChunksHoldingEachTermInTheirText()
    {
        var store = await NewStoreAsync();
        await SaveAllAsync(store,
            Document("x", "Sanctions", ["New sanctions were announced.", "Exports fell."], [Axis(0), Axis(1)]),
            Document("y", "Trade", ["The sanction list grew.", "Imports rose."], [Axis(2), Axis(3)]));

        var (frequencies, total) = await store.TermFrequenciesAsync(["sanctions", "imports", "volcano"], Ct);

        Assert.Equal(4, total);
        Assert.Equal(2, frequencies["sanctions"]);
        Assert.Equal(1, frequencies["imports"]);
        Assert.Equal(0, frequencies["volcano"]);
    }

    [Fact]
    public async Task Statistics_CountDocumentsChunksAndTokens_AndNameTheModel()
    {
        var store = await NewStoreAsync();
        await SaveAllAsync(store,
            Document("s1", "One", ["Alpha.", "Beta."], [Axis(0), Axis(1)]),
            Document("s2", "Two", ["Gamma."], [Axis(2)]));

        var statistics = await store.GetStatisticsAsync(Ct);

        Assert.Equal(2, statistics.Documents);
        Assert.Equal(3, statistics.Chunks);
        Assert.Equal(3 * 7, statistics.Tokens);
        Assert.True(statistics.BytesOnDisk > 0);
        Assert.Equal(Model, statistics.EmbeddingModel);
    }

    [Fact]
    public async Task Initialize_WithAnotherModelOverStoredVectors_RefusesAndNamesReembed()
    {
        var store = await NewStoreAsync();
        var doc = Document("v", "Vectors", ["Stored with the first model."], [Axis(0)]);
        await store.SaveDocumentAsync(doc.Info, doc.Text, doc.Chunks, null, Ct);

        var other = Track(OpenStore());
        var error = await Assert.ThrowsAsync<MemoryStoreException>(() => other.InitializeAsync("another-model", Dimensions, Ct));

        Assert.Contains("'conformance-model'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'another-model'", error.Message, StringComparison.Ordinal);
        Assert.Contains("reembed", error.Message, StringComparison.Ordinal);
        await Track(OpenStore()).InitializeAsync(Model, Dimensions, Ct);
    }

    [Fact]
    public async Task Initialize_WithAnotherModelOnAnEmptyStore_SwitchesModelAndDimensions()
    {
        var store = await NewStoreAsync();
        var doc = Document("v", "Vectors", ["Soon deleted."], [Axis(0)]);
        await store.SaveDocumentAsync(doc.Info, doc.Text, doc.Chunks, null, Ct);
        await store.DeleteDocumentAsync("v", Ct);

        var other = Track(OpenStore());
        await other.InitializeAsync("wider-model", 24, Ct);
        var wide = Document("w", "Wide", ["Stored with the wider model."], [Axis(0, 24)]);
        await other.SaveDocumentAsync(wide.Info, wide.Text, wide.Chunks, null, Ct);

        Assert.Equal(["w"], await DocumentsOfAsync(other, await other.VectorSearchAsync(Axis(0, 24), MemoryFilter.None, 5, Ct)));
        Assert.Equal("wider-model", (await other.GetStatisticsAsync(Ct)).EmbeddingModel);
    }

    [Fact]
    public async Task Reembed_ReplacesEveryVectorInOneStep_AndSwitchesTheModel()
    {
        var store = await NewStoreAsync();
        await SaveAllAsync(store,
            Document("r1", "First", ["One.", "Two."], [Axis(0), Axis(1)]),
            Document("r2", "Second", ["Three."], [Axis(2)]));
        var progress = new List<int>();
        var seen = new List<(string Title, string Text)>();

        var count = await store.ReembedAsync("new-model", 24, (batch, _) =>
        {
            seen.AddRange(batch);
            return Task.FromResult<IReadOnlyList<ReadOnlyMemory<float>>>(
                batch.Select(b => (ReadOnlyMemory<float>)Axis(b.Title == "Second" ? 20 : 10, 24)).ToList());
        }, new SynchronousProgress(progress), Ct);

        Assert.Equal(3, count);
        Assert.Equal(3, progress.Last());
        Assert.Contains(("Second", "Three."), seen);
        var reopened = Track(OpenStore());
        await reopened.InitializeAsync("new-model", 24, Ct);
        Assert.Equal(["r2"], await DocumentsOfAsync(reopened, await reopened.VectorSearchAsync(Axis(20, 24), MemoryFilter.None, 1, Ct)));
        Assert.Equal(1f, (await reopened.VectorSearchAsync(Axis(20, 24), MemoryFilter.None, 1, Ct))[0].Score, 4);
        await Assert.ThrowsAsync<MemoryStoreException>(() => Track(OpenStore()).InitializeAsync(Model, Dimensions, Ct));
    }

    [Fact]
    public async Task Reembed_WhenTheModelFails_LeavesTheStoreAsItWas()
    {
        var store = await NewStoreAsync();
        await SaveAllAsync(store, Document("k", "Kept", ["Kept vector."], [Axis(3)]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReembedAsync("new-model", 24,
            (_, _) => throw new InvalidOperationException("model crashed"), null, Ct));

        var reopened = Track(OpenStore());
        await reopened.InitializeAsync(Model, Dimensions, Ct);
        Assert.Equal(1f, (await reopened.VectorSearchAsync(Axis(3), MemoryFilter.None, 1, Ct))[0].Score, 4);
    }

    [Fact]
    public async Task Search_WhileAnotherStoreWrites_SeesOnlyWholeDocuments()
    {
        var writer = await NewStoreAsync();
        var reader = Track(OpenStore());
        await reader.InitializeAsync(Model, Dimensions, Ct);
        var searches = 0;
        var written = 0;
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 40 || (Volatile.Read(ref searches) < 3 && i < 2000); i++)
            {
                var doc = Document($"w{i}", $"Shipping report {i}",
                    Enumerable.Range(0, 12).Select(s => $"Convoy {i} reported shipping delay {s}.").ToArray(),
                    Enumerable.Range(0, 12).Select(s => Plane(0.01 * s)).ToArray());
                await writer.SaveDocumentAsync(doc.Info, doc.Text, doc.Chunks, null, Ct);
                written = i + 1;
            }
        }, Ct);

        while (!writes.IsCompleted || searches == 0)
        {
            var hits = (await reader.KeywordSearchAsync(["shipping", "convoy"], MemoryFilter.None, 200, Ct))
                .Concat(await reader.VectorSearchAsync(Plane(0.05), MemoryFilter.None, 50, Ct));
            var chunks = await reader.GetChunksAsync(hits.Select(h => h.ChunkId).Distinct().ToList(), Ct);
            foreach (var group in chunks.GroupBy(c => c.DocumentId))
            {
                var stored = await reader.GetDocumentAsync(group.Key, Ct);
                Assert.NotNull(stored);
                Assert.Equal(12, stored.ChunkCount);
                Assert.Equal(12, (await reader.GetDocumentChunksAsync(group.Key, Ct)).Count);
            }

            Interlocked.Increment(ref searches);
        }

        await writes;
        Assert.True(searches >= 3, "searches should run while the writer is storing documents");
        Assert.Equal(written, (await reader.GetStatisticsAsync(Ct)).Documents);
    }

    [Fact]
    public async Task SaveDocument_InterruptedMidway_LeavesTheDocumentWholeOrAbsent_AndTheStoreUsable()
    {
        var store = await NewStoreAsync();
        const int chunkCount = 6000;
        var big = Document("big", "Large dossier",
            Enumerable.Range(0, chunkCount).Select(i => $"Paragraph {i} of the dossier on supply routes.").ToArray(),
            Enumerable.Range(0, chunkCount).Select(i => Plane(i * 0.0005)).ToArray());
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var save = Task.Run(() => store.SaveDocumentAsync(big.Info, big.Text, big.Chunks, null, cancellation.Token), Ct);
        var interrupted = await InterruptSaveAsync(save, cancellation);
        var failure = await Record.ExceptionAsync(() => save);

        Assert.True(!interrupted || failure is MemoryStoreException or OperationCanceledException, $"unexpected outcome: {failure?.ToString() ?? "no failure"}");
        Assert.True(interrupted || !InterruptionIsCertain, "the save should have been interrupted while it was running");
        var reader = Track(OpenStore());
        await reader.InitializeAsync(Model, Dimensions, Ct);
        var stored = await reader.GetDocumentAsync("big", Ct);
        var chunks = await reader.GetDocumentChunksAsync("big", Ct);
        Assert.True(stored is null ? chunks.Count == 0 : chunks.Count == chunkCount && stored.ChunkCount == chunkCount,
            $"document {(stored is null ? "absent" : "present")} with {chunks.Count} chunks");
        var next = Document("after", "After the failure", ["Stored after the interruption."], [Axis(1)]);
        await store.SaveDocumentAsync(next.Info, next.Text, next.Chunks, null, Ct);
        Assert.NotNull(await reader.GetDocumentAsync("after", Ct));
    }

    protected IMemoryStore Track(IMemoryStore store)
    {
        _stores.Add(store);
        return store;
    }

    protected async Task<IMemoryStore> NewStoreAsync()
    {
        await CreateLocationAsync();
        _located = true;
        var store = Track(OpenStore());
        await store.InitializeAsync(Model, Dimensions, Ct);
        return store;
    }

    private static async Task SaveAllAsync(IMemoryStore store, params StoredDocument[] documents)
    {
        foreach (var doc in documents)
        {
            await store.SaveDocumentAsync(doc.Info, doc.Text, doc.Chunks, null, Ct);
        }
    }

    private static async Task<List<string>> DocumentsOfAsync(IMemoryStore store, IReadOnlyList<ScoredChunk> hits)
    {
        var chunks = (await store.GetChunksAsync(hits.Select(h => h.ChunkId).ToList(), Ct)).ToDictionary(c => c.Id);
        return hits.Select(h => chunks[h.ChunkId].DocumentId).ToList();
    }

    private static MemoryFilter Tagged(string key, string value) =>
        new() { Tags = new Dictionary<string, IReadOnlyList<string>> { [key] = [value] } };

    /// <summary>A unit vector along one axis.</summary>
    protected static float[] Axis(int axis, int dimensions = Dimensions)
    {
        var vector = new float[dimensions];
        vector[axis] = 1;
        return vector;
    }

    /// <summary>A unit vector at the given angle in the plane of the first two axes.</summary>
    protected static float[] Plane(double angle)
    {
        var vector = new float[Dimensions];
        vector[0] = (float)Math.Cos(angle);
        vector[1] = (float)Math.Sin(angle);
        return vector;
    }

    protected static StoredDocument Document(string id, string title, string[] passages, float[][] vectors, params (string Key, string Value)[] tags)
    {
        var text = title + "\n\n" + string.Join(' ', passages);
        var chunks = new List<NewChunk>();
        var position = title.Length + 2;
        for (var i = 0; i < passages.Length; i++)
        {
            chunks.Add(new NewChunk(new TextChunk(i, new TextSpan(position, position + passages[i].Length), passages[i], 7), vectors[i]));
            position += passages[i].Length + 1;
        }

        var info = new DocumentInfo
        {
            Id = id,
            Title = title,
            Source = $"conformance/{id}.txt",
            Published = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.FromHours(-5)),
            ContentType = "text/plain",
            Tags = tags.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.Value).ToList()),
            ChunkCount = passages.Length,
            TokenCount = 7 * passages.Length,
            ContentHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            Updated = new DateTimeOffset(2026, 2, 3, 10, 0, 0, TimeSpan.Zero),
        };
        return new StoredDocument(info, text, chunks);
    }

    protected sealed record StoredDocument(DocumentInfo Info, string Text, IReadOnlyList<NewChunk> Chunks);

    private sealed class SynchronousProgress(List<int> values) : IProgress<int>
    {
        public void Report(int value) => values.Add(value);
    }
}
