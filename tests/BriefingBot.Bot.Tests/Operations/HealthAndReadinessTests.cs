using System.Net;
using System.Text.Json;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory;
using BriefingBot.Memory.Embedding;
using Microsoft.Data.Sqlite;
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
    public async Task Ready_EmbeddingModelUnloaded_503NamingTheModel()
    {
        await using var host = await TestBotHost.StartAsync(new Dictionary<string, string> { ["Operations:ReadyCacheSeconds"] = "0" });
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken)).StatusCode);

        ((OnnxEmbeddingGenerator)host.Services.GetRequiredService<BriefingMemory>().Embedder).Dispose();
        var response = await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var only = Assert.Single(problem.RootElement.GetProperty("problems").EnumerateArray());
        Assert.StartsWith("the embedding model is not available", only.GetString());
    }

    [Fact]
    public async Task Ready_WithinCacheWindow_ReusesTheResult()
    {
        await using var host = await TestBotHost.StartAsync(new Dictionary<string, string> { ["Operations:ReadyCacheSeconds"] = "60" });
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken)).StatusCode);

        ((OnnxEmbeddingGenerator)host.Services.GetRequiredService<BriefingMemory>().Embedder).Dispose();
        var response = await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
