using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using BriefingBot.Bot.Api;
using BriefingBot.Bot.Tests.Support;
using BriefingBot.Memory;
using BriefingBot.Memory.Documents;
using BriefingBot.Memory.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace BriefingBot.Bot.Tests.Api;

/// <summary>
/// One bot server with API keys configured (full, Europe-desk scoped, read-only, revoked), holding the samples plus a
/// Europe-desk and an Asia-desk document.
/// </summary>
public sealed class StaffApiFixture : IAsyncLifetime
{
    public const string EuropeDocument = "eu-gas-storage";
    public const string AsiaDocument = "asia-rice-prices";
    public const int MaxJsonBytes = 64 * 1024;
    public const int InlineIngestMaxChars = 4000;

    public TestBotHost Host { get; private set; } = null!;

    public string FullKey { get; } = NewKey();

    public string EuropeKey { get; } = NewKey();

    public string ReaderKey { get; } = NewKey();

    public string RevokedKey { get; } = NewKey();

    public async ValueTask InitializeAsync()
    {
        Host = await TestBotHost.StartAsync(new Dictionary<string, string>
        {
            ["Api:MaxJsonBytes"] = MaxJsonBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Api:InlineIngestMaxChars"] = InlineIngestMaxChars.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs:PollSeconds"] = "0.2",
            ["Api:Keys:0:Name"] = "newsroom",
            ["Api:Keys:0:Hash"] = ApiKeyAuthenticator.HashHex(FullKey),
            ["Api:Keys:1:Name"] = "europe-desk",
            ["Api:Keys:1:Hash"] = ApiKeyAuthenticator.HashHex(EuropeKey),
            ["Api:Keys:1:Tags:desk:0"] = "europe",
            ["Api:Keys:2:Name"] = "intranet",
            ["Api:Keys:2:Hash"] = ApiKeyAuthenticator.HashHex(ReaderKey).ToUpperInvariant(),
            ["Api:Keys:2:Permissions:0"] = "read",
            ["Api:Keys:3:Name"] = "old-cms",
            ["Api:Keys:3:Hash"] = ApiKeyAuthenticator.HashHex(RevokedKey),
            ["Api:Keys:3:Revoked"] = "true",
        });
        var memory = Host.Services.GetRequiredService<BriefingMemory>();
        var ct = TestContext.Current.CancellationToken;
        await memory.IngestAsync(new IngestRequest
        {
            DocumentId = EuropeDocument,
            Title = "Germany orders gas storage filled to ninety percent before winter",
            Tags = new TagSet().Add("desk", "europe"),
            Text = "The German economy ministry ordered operators to fill gas storage sites to ninety percent by November. The regulator warned that the Rehden site was almost empty.",
        }, ct);
        await memory.IngestAsync(new IngestRequest
        {
            DocumentId = AsiaDocument,
            Title = "Japan releases rice reserves as prices double",
            Tags = new TagSet().Add("desk", "asia"),
            Text = "The Japanese agriculture ministry released government rice reserves after supermarket prices doubled within a year. Farmers blamed a hot summer for the poor harvest.",
        }, ct);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? key, object? json = null, bool bearer = false)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            if (bearer)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
            else
            {
                request.Headers.Add(StaffAuthentication.ApiKeyHeader, key);
            }
        }

        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, object? json = null, bool bearer = false) =>
        Host.Http.SendAsync(Request(method, path, key, json, bearer), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private static string NewKey() => "bbk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
