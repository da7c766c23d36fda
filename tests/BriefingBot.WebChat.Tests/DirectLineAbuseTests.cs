using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>Wrong, expired and foreign tokens, oversized posts and floods are refused, and other conversations go on.</summary>
public sealed class DirectLineAbuseTests(SharedBotHost shared)
{
    private BotHost Host => shared.Host;

    [Fact]
    public async Task Activities_NoOrForgedToken_Refused()
    {
        var token = await Host.StartConversationAsync();
        var forged = token.Token[..^4] + (token.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var none = await Host.SendAsync(HttpMethod.Get, $"/conversations/{token.ConversationId}/activities", null);
        using var garbage = await Host.SendAsync(HttpMethod.Get, $"/conversations/{token.ConversationId}/activities", "not-a-token");
        using var tampered = await Host.PostMessageAsync(token with { Token = forged }, "hello");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal("Forbidden", (await ErrorAsync(tampered)).Code);
        var activities = await Host.ActivitiesAsync(token, a => a.Count >= 1);
        Assert.DoesNotContain(activities, a => a.TryGetProperty("text", out var t) && t.GetString() == "hello");
    }

    [Fact]
    public async Task Token_OfAnotherConversation_CannotReadPostOrStream()
    {
        var mine = await Host.StartConversationAsync();
        var theirs = await Host.StartConversationAsync();

        using var read = await Host.SendAsync(HttpMethod.Get, $"/conversations/{theirs.ConversationId}/activities", mine.Token);
        using var post = await Host.PostMessageAsync(mine, "intrusion", theirs.ConversationId);
        using var reconnect = await Host.SendAsync(HttpMethod.Get, $"/conversations/{theirs.ConversationId}", mine.Token);
        using var upload = await Host.SendAsync(HttpMethod.Post, $"/conversations/{theirs.ConversationId}/upload?userId=x", mine.Token, Multipart("a.txt", new byte[10]));

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnect.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);

        var streamUrl = await StreamUrlAsync(mine);
        var foreign = streamUrl.Replace(mine.ConversationId, theirs.ConversationId, StringComparison.Ordinal);
        using var socket = new ClientWebSocket();
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(foreign), TestContext.Current.CancellationToken));
        Assert.Contains("403", refused.Message);

        var theirActivities = await Host.ActivitiesAsync(theirs, a => a.Count >= 1);
        Assert.DoesNotContain(theirActivities, a => a.TryGetProperty("text", out var t) && t.GetString() == "intrusion");
    }

    [Fact]
    public async Task StreamToken_CannotBeUsedAsBearer_AndBearerCannotOpenStream()
    {
        var token = await Host.StartConversationAsync();
        var streamUrl = await StreamUrlAsync(token);
        var streamToken = streamUrl[(streamUrl.IndexOf("&t=", StringComparison.Ordinal) + 3)..];

        using var post = await Host.PostMessageAsync(token with { Token = streamToken }, "hello");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        var withBearer = streamUrl.Replace(streamToken, token.Token, StringComparison.Ordinal);
        using var socket = new ClientWebSocket();
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri(withBearer), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Activities_Oversized_413AndTheConversationGoesOn()
    {
        var token = await Host.StartConversationAsync();

        using var huge = await Host.PostMessageAsync(token, new string('x', 300 * 1024));
        using var bigUpload = await Host.SendAsync(HttpMethod.Post, $"/conversations/{token.ConversationId}/upload?userId=user-test", token.Token,
            Multipart("big.bin", new byte[5 * 1024 * 1024]));
        using var broken = await Host.SendAsync(HttpMethod.Post, $"/conversations/{token.ConversationId}/activities", token.Token,
            new StringContent("{\"type\":", System.Text.Encoding.UTF8, "application/json"));
        using var typeless = await Host.SendAsync(HttpMethod.Post, $"/conversations/{token.ConversationId}/activities", token.Token, new { text = "no type" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("MessageSizeTooBig", (await ErrorAsync(huge)).Code);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bigUpload.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, typeless.StatusCode);

        using var fine = await Host.PostMessageAsync(token, "help");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        var id = (await fine.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString();
        var activities = await Host.ActivitiesAsync(token, a => a.Any(x => x.TryGetProperty("replyToId", out var r) && r.GetString() == id));
        Assert.Contains(activities, x => x.TryGetProperty("replyToId", out var r) && r.GetString() == id);
    }

    [Fact]
    public async Task Activities_Flood_429WithRetryAfter_OtherConversationUnaffected()
    {
        var flooder = await Host.StartConversationAsync();
        var bystander = await Host.StartConversationAsync();

        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < 40; i++)
        {
            using var response = await Host.SendAsync(HttpMethod.Post, $"/conversations/{flooder.ConversationId}/activities", flooder.Token,
                new { type = "event", name = "flood", from = new { id = "user-test" } });
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.ToString();
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 12, $"{statuses.Count(s => s == HttpStatusCode.OK)} of 40 posts accepted");
        Assert.NotNull(retryAfter);

        using var other = await Host.PostMessageAsync(bystander, "sources");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Tokens_Expired_RefusedAsTokenExpiredAndNotRefreshable()
    {
        await using var host = await BotHost.StartAsync(null, "DirectLine:TokenLifetime=00:00:08", "Bot:LoadSamplesWhenEmpty=false");
        var token = await host.StartConversationAsync();
        using (var fresh = await host.PostMessageAsync(token, "help"))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        var expires = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token.Token).ValidTo;
        var wait = expires - DateTime.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TestContext.Current.CancellationToken);
        }

        using var post = await host.PostMessageAsync(token, "help");
        using var refresh = await host.SendAsync(HttpMethod.Post, "/tokens/refresh", token.Token);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("TokenExpired", (await ErrorAsync(post)).Code);
        Assert.Equal(HttpStatusCode.Forbidden, refresh.StatusCode);
        Assert.Equal("TokenExpired", (await ErrorAsync(refresh)).Code);
    }

    [Fact]
    public async Task Tokens_FloodFromOneAddress_429_ExistingConversationGoesOn()
    {
        await using var host = await BotHost.StartAsync(null, "DirectLine:TokensPerMinute=6", "Bot:LoadSamplesWhenEmpty=false");
        var token = await host.StartConversationAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
            request.Headers.Add("Origin", host.BaseUrl);
            using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        using var post = await host.PostMessageAsync(token, "help");
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
    }

    [Fact]
    public async Task Conversations_IdleLongerThanRetention_AreDeleted()
    {
        await using var host = await BotHost.StartAsync(null, "DirectLine:ConversationRetention=00:00:02", "Bot:LoadSamplesWhenEmpty=false");
        var token = await host.StartConversationAsync();
        using (var live = await host.SendAsync(HttpMethod.Get, $"/conversations/{token.ConversationId}", token.Token))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        var until = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        do
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            using var response = await host.SendAsync(HttpMethod.Get, $"/conversations/{token.ConversationId}/activities", token.Token);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < until);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private async Task<string> StreamUrlAsync(PageToken token)
    {
        using var response = await Host.SendAsync(HttpMethod.Get, $"/conversations/{token.ConversationId}?watermark=", token.Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("streamUrl").GetString()!;
    }

    internal static MultipartFormDataContent Multipart(string name, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return form;
    }

    internal static async Task<(string Code, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("error");
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }
}
