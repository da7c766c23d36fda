using System.Net;
using BriefingBot.WebChat.Tests.Support;

namespace BriefingBot.WebChat.Tests;

/// <summary>Direct Line is limited per token and per client address; a forwarded address counts only from a known proxy.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Posts_NineTokensFromOneAddress_LimitedPerAddress_429WithRetryAfter()
    {
        await using var host = await BotHost.StartAsync(null, "DirectLine:TokensPerMinute=1000", "Bot:LoadSamplesWhenEmpty=false");
        var conversations = new List<PageToken>();
        for (var i = 0; i < 9; i++)
        {
            conversations.Add(await host.StartConversationAsync());
        }

        // Each token stays inside its own burst (a third of DirectLine:PostsPerMinute = 10) ...
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        foreach (var token in conversations)
        {
            for (var i = 0; i < 10; i++)
            {
                using var response = await host.SendAsync(HttpMethod.Post, $"/conversations/{token.ConversationId}/activities", token.Token,
                    new { type = "event", name = "flood", from = new { id = "user-test" } });
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    retryAfter ??= response.Headers.RetryAfter?.ToString();
                }
            }
        }

        // ... but the address's burst (a third of DirectLine:PostsPerMinutePerAddress = 40) is shared by all nine.
        var accepted = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.InRange(accepted, 40, 55);
        Assert.NotNull(retryAfter);
        Assert.True(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture) >= 1, retryAfter);
    }

    [Fact]
    public async Task ForwardedFor_FromAKnownProxy_IsTheClientAddress()
    {
        await using var host = await BotHost.StartAsync(null, "DirectLine:TokensPerMinute=3", "Bot:KnownProxies:0=127.0.0.1", "Bot:LoadSamplesWhenEmpty=false");

        var first = await TokenStatusesAsync(host, "203.0.113.1", 4);
        var second = await TokenStatusesAsync(host, "203.0.113.2", 1);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK], second);
    }

    [Fact]
    public async Task ForwardedFor_WithoutKnownProxies_IsIgnored()
    {
        await using var host = await BotHost.StartAsync(null, "DirectLine:TokensPerMinute=3", "Bot:LoadSamplesWhenEmpty=false");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.AddRange(await TokenStatusesAsync(host, $"203.0.113.{i + 1}", 1));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    private static async Task<List<HttpStatusCode>> TokenStatusesAsync(BotHost host, string forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
            request.Headers.Add("Origin", host.BaseUrl);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
