using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Operations;

/// <summary><c>/health</c> answers while the process runs; <c>/ready</c> only while the store and the model work.</summary>
public sealed class HealthAndReadinessTests
{
    [Fact]
    public async Task Health_RunningHost_200()
    {
        await using var host = await TestBotHost.StartAsync();

        var response = await host.Http.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ready_StoreAndModelWorking_200()
    {
        await using var host = await TestBotHost.StartAsync();

        var response = await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_StoreFileCorrupted_503NamingTheStore()
    {
        await using var host = await TestBotHost.StartAsync(new Dictionary<string, string> { ["Operations:ReadyCacheSeconds"] = "0" });
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken)).StatusCode);

        var path = host.Services.GetRequiredService<MemoryOptions>().StorePath;
        SqliteConnection.ClearAllPools();
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        await File.WriteAllBytesAsync(path, [.. Enumerable.Repeat((byte)0x5A, 8192)], TestContext.Current.CancellationToken);

        var response = await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var problems = problem.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        var store = Assert.Single(problems);
        Assert.StartsWith("the store is not available", store);
        Assert.Contains("the store", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Ready_EmbeddingEndpointFailing_503NamingTheModel()
    {
        await using var embeddings = await EmbeddingEndpoint.StartAsync();
        await using var host = await TestBotHost.StartAsync(embeddings.Settings(readyCacheSeconds: 0));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken)).StatusCode);

        embeddings.Failing = true;
        var response = await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var only = Assert.Single(problem.RootElement.GetProperty("problems").EnumerateArray());
        Assert.StartsWith("the embedding model is not available", only.GetString());

        embeddings.Failing = false;
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Ask_EmbeddingEndpointFailing_503ProblemNamingTheModel_ThenAnswersAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var embeddings = await EmbeddingEndpoint.StartAsync();
        await using var host = await TestBotHost.StartAsync(embeddings.Settings(readyCacheSeconds: 0));
        var question = new { question = "What did the council approve for the harbour?" };

        embeddings.Failing = true;
        using var failed = await host.Http.PostAsJsonAsync("api/ask", question, ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(failed.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await failed.Content.ReadAsStringAsync(ct));
        Assert.Contains("remote:remote-embeddings", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        embeddings.Failing = false;
        using var answered = await host.Http.PostAsJsonAsync("api/ask", question, ct);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task Ready_WithinCacheWindow_ReusesTheResult()
    {
        await using var embeddings = await EmbeddingEndpoint.StartAsync();
        await using var host = await TestBotHost.StartAsync(embeddings.Settings(readyCacheSeconds: 60));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken)).StatusCode);
        var calls = embeddings.Calls;

        embeddings.Failing = true;
        var response = await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(calls, embeddings.Calls);
    }

    /// <summary>
    /// An OpenAI-compatible embeddings endpoint on loopback (the bot's remote embedding model, <c>AI:EmbeddingModel</c>):
    /// unit-length vectors derived from each text's hash, or 500 errors while <see cref="Failing"/>.
    /// </summary>
    private sealed class EmbeddingEndpoint : IAsyncDisposable
    {
        private const int Dimensions = 64;
        private int _calls;

        private EmbeddingEndpoint()
        {
        }

        public bool Failing { get; set; }

        public int Calls => Volatile.Read(ref _calls);

        private WebApplication App { get; set; } = null!;

        private string BaseUrl { get; set; } = "";

        public static async Task<EmbeddingEndpoint> StartAsync()
        {
            var endpoint = new EmbeddingEndpoint();
            (endpoint.App, endpoint.BaseUrl) = await LoopbackApp.StartAsync(app => app.MapPost("/v1/embeddings", async (HttpRequest request) =>
            {
                Interlocked.Increment(ref endpoint._calls);
                if (endpoint.Failing)
                {
                    return Results.Json(new { error = new { message = "model unavailable", type = "server_error" } }, statusCode: 500);
                }

                using var body = await JsonDocument.ParseAsync(request.Body);
                var input = body.RootElement.GetProperty("input");
                var texts = input.ValueKind == JsonValueKind.Array ? input.EnumerateArray().Select(t => t.GetString() ?? "").ToList() : [input.GetString() ?? ""];
                return Results.Json(new
                {
                    @object = "list",
                    data = texts.Select((text, i) => new { @object = "embedding", index = i, embedding = Vector(text) }).ToArray(),
                    model = "remote-embeddings",
                    usage = new { prompt_tokens = 1, total_tokens = 1 },
                });
            }));
            return endpoint;
        }

        public Dictionary<string, string> Settings(int readyCacheSeconds) => new()
        {
            ["AI:Provider"] = "OpenAI",
            ["AI:Endpoint"] = BaseUrl + "/v1",
            ["AI:ChatModel"] = "briefing-chat",
            ["AI:EmbeddingModel"] = "remote-embeddings",
            ["AI:EmbeddingDimensions"] = Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AI:MaxRetries"] = "0",
            ["Operations:ReadyCacheSeconds"] = readyCacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        public async ValueTask DisposeAsync() => await App.DisposeAsync();

        private static float[] Vector(string text)
        {
            var random = new Random(text.GetHashCode(StringComparison.Ordinal));
            var vector = Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            return [.. vector.Select(v => v / norm)];
        }
    }
}
