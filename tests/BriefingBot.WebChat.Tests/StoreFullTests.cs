using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>
/// A store that has no room left (here a real <c>SQLITE_FULL</c> from a size cap) answers every write with 503,
/// <c>Retry-After: 30</c> and a problem body, keeps serving reads, and <c>/ready</c> says it is not writable.
/// </summary>
public sealed class StoreFullTests
{
    [Fact]
    public async Task DirectLine_StoreFull_503WithRetryAfterAndProblem_ReadsGoOn_NotReady()
    {
        await using var host = await BotHost.StartAsync(null,
            "DirectLine:MaxStoreMegabytes=0.15", "DirectLine:PostsPerMinute=100000", "Operations:ReadyCacheSeconds=0", "Bot:LoadSamplesWhenEmpty=false");
        var token = await host.StartConversationAsync();
        using (var ready = await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        HttpResponseMessage? full = null;
        for (var i = 0; i < 200 && full is null; i++)
        {
            var response = await host.SendAsync(HttpMethod.Post, $"/conversations/{token.ConversationId}/activities", token.Token,
                new { type = "event", name = "filler", from = new { id = "user-test" }, value = new string((char)('a' + (i % 26)), 3000) });
            if (response.StatusCode == HttpStatusCode.OK)
            {
                response.Dispose();
                continue;
            }

            full = response;
        }

        Assert.NotNull(full);
        using (full)
        {
            await AssertFullAsync(full, host.DataFolder);
            using var problem = JsonDocument.Parse(await full.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("ServiceUnavailable", problem.RootElement.GetProperty("error").GetProperty("code").GetString());
        }

        using (var upload = await host.SendAsync(HttpMethod.Post, $"/conversations/{token.ConversationId}/upload?userId=user-test", token.Token,
            DirectLineAbuseTests.Multipart("report.bin", new byte[64 * 1024])))
        {
            await AssertFullAsync(upload, host.DataFolder);
        }

        using (var read = await host.SendAsync(HttpMethod.Get, $"/conversations/{token.ConversationId}/activities?watermark=", token.Token))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using var notReady = await host.Http.GetAsync("/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        var report = await notReady.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("Direct Line store is not writable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StaffApi_InlineIngestIntoFullMemory_503WithRetryAfter()
    {
        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-webchat-tests", Guid.NewGuid().ToString("N"));
        await using (await BotHost.StartAsync(folder, "Bot:LoadSamplesWhenEmpty=false"))
        {
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var size = Directory.GetFiles(folder, "memory.db*").Sum(f => new FileInfo(f).Length);
        var cap = (size / 1048576.0) + 0.02;
        try
        {
            await using var host = await BotHost.StartAsync(folder, "Bot:LoadSamplesWhenEmpty=false",
                $"Memory:MaxStoreMegabytes={cap.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}");
            var text = string.Join(" ", Enumerable.Range(0, 8000).Select(i => $"word{i}"));
            using var response = await host.Http.PostAsJsonAsync("/api/documents",
                new { documents = new[] { new { id = "too-big", title = "Too big", text } } }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("30", response.Headers.RetryAfter?.ToString());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("is full", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task AssertFullAsync(HttpResponseMessage response, string dataFolder)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("30", response.Headers.RetryAfter?.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Storage full", problem.RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain(dataFolder, body, StringComparison.Ordinal);
    }
}
