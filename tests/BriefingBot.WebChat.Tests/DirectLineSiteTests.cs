using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>A conversation belongs to the site that started it: another site's secret neither reads, posts nor reconnects there.</summary>
public sealed class DirectLineSiteTests
{
    private const string SiteA = "site-a-secret-for-tests-0123456789";
    private const string SiteB = "site-b-secret-for-tests-0123456789";

    [Fact]
    public async Task Secret_OfAnotherSite_CannotReadPostReconnectOrUpload_OwnSiteCan()
    {
        await using var host = await BotHost.StartAsync(null, $"DirectLine:Secrets:0={SiteA}", $"DirectLine:Secrets:1={SiteB}", "Bot:LoadSamplesWhenEmpty=false");
        var ofB = await StartAsync(host, SiteB);
        var ofPage = await host.StartConversationAsync();
        using (var posted = await host.PostMessageAsync(ofB, "site b's own words"))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        foreach (var conversation in new[] { ofB.ConversationId, ofPage.ConversationId })
        {
            using var read = await host.SendAsync(HttpMethod.Get, $"/conversations/{conversation}/activities?watermark=", SiteA);
            using var post = await host.PostMessageAsync(new PageToken(conversation, SiteA), "site a intrudes");
            using var reconnect = await host.SendAsync(HttpMethod.Get, $"/conversations/{conversation}?watermark=", SiteA);
            using var upload = await host.SendAsync(HttpMethod.Post, $"/conversations/{conversation}/upload?userId=x", SiteA,
                DirectLineAbuseTests.Multipart("a.txt", new byte[10]));

            foreach (var refused in new[] { read, post, reconnect, upload })
            {
                Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
                var body = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.DoesNotContain("activities", body, StringComparison.Ordinal);
                Assert.DoesNotContain("token", body, StringComparison.Ordinal);
            }
        }

        var own = await host.ActivitiesAsync(ofB with { Token = SiteB }, a => a.Count >= 1);
        Assert.Contains(own, a => a.TryGetProperty("text", out var t) && t.GetString() == "site b's own words");
        Assert.DoesNotContain(own, a => a.TryGetProperty("text", out var t) && t.GetString() == "site a intrudes");
        var page = await host.ActivitiesAsync(ofPage, a => a.Count >= 1);
        Assert.DoesNotContain(page, a => a.TryGetProperty("text", out var t) && t.GetString() == "site a intrudes");
    }

    [Fact]
    public async Task Reconnect_KeepsTheConversationsSite_RevokingItsSecretStopsItsTokens()
    {
        var folder = Path.Combine(Path.GetTempPath(), "briefingbot-webchat-tests", Guid.NewGuid().ToString("N"));
        PageToken reissued;
        await using (var host = await BotHost.StartAsync(folder, $"DirectLine:Secrets:0={SiteA}", $"DirectLine:Secrets:1={SiteB}", "Bot:LoadSamplesWhenEmpty=false"))
        {
            var ofB = await StartAsync(host, SiteB);
            using var byA = await host.SendAsync(HttpMethod.Get, $"/conversations/{ofB.ConversationId}?watermark=", SiteA);
            Assert.Equal(HttpStatusCode.NotFound, byA.StatusCode);

            using var byB = await host.SendAsync(HttpMethod.Get, $"/conversations/{ofB.ConversationId}?watermark=", SiteB);
            Assert.Equal(HttpStatusCode.OK, byB.StatusCode);
            var body = await byB.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            reissued = ofB with { Token = body.GetProperty("token").GetString()! };
            using var read = await host.SendAsync(HttpMethod.Get, $"/conversations/{ofB.ConversationId}/activities", reissued.Token);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        await using (var revoked = await BotHost.StartAsync(folder, $"DirectLine:Secrets:0={SiteA}", "Bot:LoadSamplesWhenEmpty=false"))
        {
            using var read = await revoked.SendAsync(HttpMethod.Get, $"/conversations/{reissued.ConversationId}/activities", reissued.Token);
            using var byA = await revoked.SendAsync(HttpMethod.Get, $"/conversations/{reissued.ConversationId}/activities", SiteA);
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, byA.StatusCode);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<PageToken> StartAsync(BotHost host, string secret)
    {
        using var response = await host.SendAsync(HttpMethod.Post, "/conversations", secret, new { user = new { id = "user-test" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return new PageToken(body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
    }
}
