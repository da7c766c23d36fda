using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>An open stream ends when its token does, unless the client refreshed the token.</summary>
public sealed class StreamExpiryTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Stream_ClosedAtTokenExpiry_UnlessRefreshed()
    {
        await using var host = await BotHost.StartAsync(null, $"DirectLine:TokenLifetime={Lifetime:c}", "Bot:LoadSamplesWhenEmpty=false");
        var idle = await StartAsync(host);
        var refreshed = await StartAsync(host);
        using var idleSocket = new ClientWebSocket();
        using var refreshedSocket = new ClientWebSocket();
        await idleSocket.ConnectAsync(new Uri(idle.StreamUrl), TestContext.Current.CancellationToken);
        await refreshedSocket.ConnectAsync(new Uri(refreshed.StreamUrl), TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        var idleClosed = CloseOfAsync(idleSocket);
        var refreshedClosed = CloseOfAsync(refreshedSocket);

        // Refresh the second conversation's token for twice its lifetime.
        var token = refreshed.Token;
        while (clock.Elapsed < Lifetime * 2)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
            using var refresh = await host.SendAsync(HttpMethod.Post, "/tokens/refresh", token);
            Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
            token = (await refresh.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString()!;
        }

        Assert.True(idleClosed.IsCompleted, "the idle stream outlived its token");
        var (status, reason, at) = await idleClosed;
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal("token expired", reason);
        Assert.InRange(at, Lifetime - TimeSpan.FromSeconds(1), Lifetime + TimeSpan.FromSeconds(3));

        Assert.False(refreshedClosed.IsCompleted, "the refreshed stream was closed");
        Assert.Equal(WebSocketState.Open, refreshedSocket.State);

        // Once the refreshing stops, the stream ends with the last token.
        var (lastStatus, _, _) = await refreshedClosed.WaitAsync(Lifetime + TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, lastStatus);

        async Task<(WebSocketCloseStatus? Status, string? Reason, TimeSpan At)> CloseOfAsync(ClientWebSocket socket)
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (result.CloseStatus, result.CloseStatusDescription, clock.Elapsed);
                }
            }
        }
    }

    private static async Task<(string Token, string StreamUrl)> StartAsync(BotHost host)
    {
        var token = await host.PageTokenAsync();
        using var response = await host.SendAsync(HttpMethod.Post, "/conversations", token.Token, new { user = new { id = "user-test" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (body.GetProperty("token").GetString()!, body.GetProperty("streamUrl").GetString()!);
    }
}
