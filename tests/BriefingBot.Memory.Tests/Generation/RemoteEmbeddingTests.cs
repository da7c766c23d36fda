using System.Text.Json;
using BriefingBot.Memory.Generation;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Language;
using BriefingBot.Memory.Retrieval;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Generation;

/// <summary><c>AI:EmbeddingModel</c>: the memory embeds through the provider (the scripted server), never mixing models.</summary>
public sealed class RemoteEmbeddingTests
{
    private const int Dimensions = 64;

    [Fact]
    public async Task OpenAsync_EmbeddingModelSet_IngestsAndSearchesWithTheProvidersVectors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new ScriptedModelServer { Fallback = Embed };
        var folder = Directory.CreateTempSubdirectory("briefingbot-remote-").FullName;
        try
        {
            var memoryOptions = new MemoryOptions { DataFolder = folder };
            var ai = GenerativeTestBed.OptionsFor(server);
            ai.EmbeddingModel = "briefing-embeddings";
            using (var answering = await BriefingAnswering.OpenAsync(memoryOptions, ai, AppContext.BaseDirectory, cancellationToken: ct))
            {
                var ingested = await answering.Memory.IngestAsync(await IngestRequest.FromFileAsync(GenerativeTestBed.SamplePath, cancellationToken: ct), ct);
                var search = await answering.Memory.SearchAsync(new SearchRequest { Query = "Swift payments network sanctions", Limit = 3 }, ct);
                var statistics = await answering.Memory.Store.GetStatisticsAsync(ct);

                Assert.Equal(IngestOutcome.Created, ingested.Outcome);
                Assert.Equal("remote:briefing-embeddings", statistics.EmbeddingModel);
                Assert.Contains("Swift", search.Hits[0].Chunk.Text);
                Assert.Equal(Dimensions, search.QueryVector.Length);
            }

            var embeddingRequests = server.Requests.Where(r => r.IsEmbeddings).ToList();
            Assert.True(embeddingRequests.Count >= 3, $"{embeddingRequests.Count} embedding requests");
            Assert.All(embeddingRequests, r => Assert.Equal("briefing-embeddings", r.Json.GetProperty("model").GetString()));
            Assert.All(embeddingRequests, r => Assert.DoesNotContain("input_type", r.Body));

            var local = new MemoryOptions { DataFolder = folder };
            var mixing = await Assert.ThrowsAsync<MemoryStoreException>(() => BriefingAnswering.OpenAsync(local, new AiOptions(), AppContext.BaseDirectory, cancellationToken: ct));
            Assert.Contains("remote:briefing-embeddings", mixing.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A bag-of-stems vector per input, so that texts sharing words are near each other.</summary>
    private static ScriptedResponse Embed(RecordedRequest request)
    {
        if (!request.IsEmbeddings)
        {
            return ScriptedResponse.Error(404, "not scripted");
        }

        var input = request.Json.GetProperty("input");
        var texts = input.ValueKind == JsonValueKind.String ? [input.GetString()!] : input.EnumerateArray().Select(e => e.GetString()!).ToList();
        return ScriptedResponse.Embeddings(texts.Select(Vector).ToList());
    }

    private static float[] Vector(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in QueryTerms.ContentWords(text))
        {
            vector[(int)((uint)Stemmer.Stem(word).GetHashCode(StringComparison.Ordinal) % Dimensions)] += 1;
        }

        vector[0] += 0.01f;
        return vector;
    }
}
