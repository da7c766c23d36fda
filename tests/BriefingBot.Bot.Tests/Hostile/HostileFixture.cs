using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using BriefingBot.Bot.Api;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Hostile;

/// <summary>
/// One real host for the hostile-input suite: staff keys (full, Europe-desk, Asia-desk), a Direct Line secret for an
/// embedding site, anonymous <c>/api/messages</c> on loopback, and a Europe and an Asia document besides the samples.
/// </summary>
public sealed class HostileFixture : IAsyncLifetime
{
    public const string EuropeDocument = "eu-power-grid";
    public const string AsiaDocument = "asia-port-strike";
    public const int MaxJsonBytes = 64 * 1024;
    public const int MaxUploadBytes = 2 * 1024 * 1024;

    public TestBotHost Host { get; private set; } = null!;

    public string FullKey { get; } = NewKey();

    public string EuropeKey { get; } = NewKey();

    public string AsiaKey { get; } = NewKey();

    public string SiteSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public async ValueTask InitializeAsync()
    {
        Host = await TestBotHost.StartAsync(new Dictionary<string, string>
        {
            ["Api:MaxJsonBytes"] = MaxJsonBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:PollSeconds"] = "0.2",
            ["Api:Keys:0:Name"] = "newsroom",
            ["Api:Keys:0:Hash"] = ApiKeyAuthenticator.HashHex(FullKey),
            ["Api:Keys:1:Name"] = "europe-desk",
            ["Api:Keys:1:Hash"] = ApiKeyAuthenticator.HashHex(EuropeKey),
            ["Api:Keys:1:Tags:desk:0"] = "europe",
            ["Api:Keys:2:Name"] = "asia-desk",
            ["Api:Keys:2:Hash"] = ApiKeyAuthenticator.HashHex(AsiaKey),
            ["Api:Keys:2:Tags:desk:0"] = "asia",
            ["DirectLine:Secrets:0"] = SiteSecret,
            ["DirectLine:PostsPerMinute"] = "1000",
            ["DirectLine:TokensPerMinute"] = "1000",
        });
        var memory = Host.Services.GetRequiredService<BriefingMemory>();
        var ct = TestContext.Current.CancellationToken;
        await memory.IngestAsync(new IngestRequest
        {
            DocumentId = EuropeDocument,
            Title = "Spain and France agree a new power interconnector",
            Tags = new TagSet().Add("desk", "europe"),
            Text = "Spain and France agreed to build a second power interconnector under the Bay of Biscay. The grid operators said the link would double exchange capacity by 2028.",
        }, ct);
        await memory.IngestAsync(new IngestRequest
        {
            DocumentId = AsiaDocument,
            Title = "Dock workers strike at the port of Busan",
            Tags = new TagSet().Add("desk", "asia"),
            Text = "Dock workers at the port of Busan walked out over pay on Monday. The union said the strike would last until the port authority reopened talks.",
        }, ct);
    }

    /// <summary>A request to the staff API with the given key (none when null).</summary>
    public static HttpRequestMessage Staff(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add(StaffAuthentication.ApiKeyHeader, key);
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await Host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A Direct Line conversation started by the bot's own page: its id and token.</summary>
    public async Task<(string ConversationId, string Token)> PageConversationAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webchat/token");
        request.Headers.Add("Origin", Host.BaseUrl);
        var conversation = await ReadConversationAsync(await Host.Http.SendAsync(request, TestContext.Current.CancellationToken));
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
        var started = await Host.Http.SendAsync(start, TestContext.Current.CancellationToken);
        Assert.True(started.IsSuccessStatusCode, $"POST conversations: {(int)started.StatusCode}");
        return conversation;
    }

    /// <summary>A Direct Line conversation started by the embedding site with its secret.</summary>
    public async Task<(string ConversationId, string Token)> SiteConversationAsync()
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SiteSecret);
        return await ReadConversationAsync(await Host.Http.SendAsync(start, TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private static async Task<(string ConversationId, string Token)> ReadConversationAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("conversationId").GetString()!, json.GetProperty("token").GetString()!);
    }

    private static string NewKey() => "bbk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
