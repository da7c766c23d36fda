using BriefingBot.Memory.Embedding;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Storage;

public sealed class ReembedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reembed_WithAnotherModel_SwitchesTheStoreAndKeepsEveryDocument()
    {
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText("Harbour strike ends\n\nDock workers in Rotterdam ended a nine-day strike.", "harbour"), Ct);
        await test.Memory.IngestAsync(IngestRequest.FromText("Frost hits vineyards\n\nA late frost damaged vines across Burgundy.", "vineyard"), Ct);
        var chunks = (await test.Memory.Store.GetStatisticsAsync(Ct)).Chunks;
        using var miniLm = new OnnxEmbeddingGenerator(EmbeddingModelProfile.MiniLM);

        var count = await BriefingMemory.ReembedAsync(test.Options, miniLm, miniLm, cancellationToken: Ct);

        Assert.Equal(chunks, count);
        using (var reopened = await BriefingMemory.OpenAsync(test.Options, miniLm, Ct))
        {
            var hits = await reopened.SearchAsync(new SearchRequest { Query = "frost in Burgundy", Limit = 1, Filter = MemoryFilter.None }, Ct);
            Assert.Equal("vineyard", Assert.Single(hits.Hits).Document.Id);
            Assert.Equal(2, (await reopened.ListAsync(cancellationToken: Ct)).Count);
        }

        await Assert.ThrowsAsync<MemoryStoreException>(() => BriefingMemory.OpenAsync(test.Options, TestMemory.Embedder, Ct));
    }
}
