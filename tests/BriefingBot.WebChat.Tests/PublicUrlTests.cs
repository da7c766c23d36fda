using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>The bot's own origin is <c>Bot:PublicUrl</c> or its listening address; a forged <c>Host</c> earns nothing.</summary>
public sealed class PublicUrlTests
{
    private const string PublicUrl = "https://chat.example.org";

    [Fact]
    public async Task ForgedHostMatchingOrigin_GetsNoPageToken_StreamUrlIsTheListeningAddress()
    {
        await using var host = await BotHost.StartAsync(null, "Bot:LoadSamplesWhenEmpty=false");

        using var forged = await TokenAsync(host, origin: "http://evil.example", hostHeader: "evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.DoesNotContain("\"token\"", await forged.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var streamUrl = await StartWithHostAsync(host, "evil.example");
        Assert.StartsWith("ws://" + host.BaseUrl["http://".Length..] + "/v3/directline/conversations/", streamUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicUrl_IsTheOwnOriginAndTheBaseOfStreamAndAttachmentUrls()
    {
        await using var host = await BotHost.StartAsync(null, $"Bot:PublicUrl={PublicUrl}/", "Bot:LoadSamplesWhenEmpty=false");

        using var listening = await TokenAsync(host, origin: host.BaseUrl, hostHeader: null);
        using var forged = await TokenAsync(host, origin: "http://evil.example", hostHeader: "evil.example");
        using var pub = await TokenAsync(host, origin: PublicUrl, hostHeader: "evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, listening.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pub.StatusCode);

        var body = await pub.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var token = new PageToken(body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
        using var start = new HttpRequestMessage(HttpMethod.Post, host.DirectLineUrl + "/conversations");
        start.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
        start.Headers.Host = "evil.example";
        using var started = await host.Http.SendAsync(start, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var streamUrl = (await started.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("streamUrl").GetString()!;
        Assert.StartsWith("wss://chat.example.org/v3/directline/conversations/" + token.ConversationId + "/stream?", streamUrl, StringComparison.Ordinal);

        using var upload = await host.SendAsync(HttpMethod.Post, $"/conversations/{token.ConversationId}/upload?userId=user-test", token.Token,
            DirectLineAbuseTests.Multipart("note.txt", "hello"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var activities = await host.ActivitiesAsync(token, a => a.Any(x => x.TryGetProperty("attachments", out _)));
        var url = activities.First(x => x.TryGetProperty("attachments", out _)).GetProperty("attachments")[0].GetProperty("contentUrl").GetString()!;
        Assert.StartsWith(PublicUrl + "/v3/directline/attachments/", url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat.example.org")]
    [InlineData("ftp://chat.example.org")]
    [InlineData("https://chat.example.org/path")]
    public async Task PublicUrl_NotAnHttpOrigin_StopsTheStart(string value)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => BotHost.StartAsync(null, $"Bot:PublicUrl={value}"));
        Assert.Contains("Bot:PublicUrl", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> TokenAsync(BotHost host, string origin, string? hostHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        request.Headers.Add("Origin", origin);
        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        return await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<string> StartWithHostAsync(BotHost host, string hostHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.DirectLineUrl + "/conversations");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await host.PageTokenAsync()).Token);
        request.Headers.Host = hostHeader;
        using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("streamUrl").GetString()!;
    }
}
