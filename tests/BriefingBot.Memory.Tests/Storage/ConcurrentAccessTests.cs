using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Storage;

public sealed class ConcurrentAccessTests
{
    [Fact]
    public async Task Search_WhileAnotherWriterIngests_KeepsAnsweringFromWholeDocuments()
    {
        var ct = TestContext.Current.CancellationToken;
        using var test = await TestMemory.CreateAsync();
        await test.Memory.IngestAsync(IngestRequest.FromText("Seed report\n\nThe committee met to review shipping delays.", "seed"), ct);
        using var reader = await test.OpenAgainAsync();
        var requests = Enumerable.Range(0, 60).Select(i => IngestRequest.FromText(
            $"Report {i}\n\n" + string.Join(' ', Enumerable.Range(0, 8).Select(s => $"Delegation {i} reviewed shipping item {s} on day {i + s}.")),
            $"report-{i}"));

        var ingest = Task.Run(async () =>
        {
            await foreach (var result in test.Memory.IngestAsync(requests.ToAsyncEnumerable(), ct))
            {
                Assert.Equal(IngestOutcome.Created, result.Outcome);
            }
        }, ct);
        var searches = 0;
        while (!ingest.IsCompleted)
        {
            var hits = (await reader.SearchAsync(new SearchRequest { Query = "shipping delegation review", Limit = 20 }, ct)).Hits;
            Assert.NotEmpty(hits);
            foreach (var group in hits.GroupBy(h => h.Document.Id))
            {
                var stored = await reader.Store.GetDocumentAsync(group.Key, ct);
                Assert.NotNull(stored);
                Assert.All(group, h => Assert.InRange(h.Chunk.Number, 0, stored.ChunkCount - 1));
            }

            searches++;
        }

        await ingest;
        Assert.True(searches > 1, "searches should run while the ingest is in progress");
        Assert.Equal(61, (await reader.ListAsync(cancellationToken: ct)).Count);
    }
}
