using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace BriefingBot.Bot.Channel;

/// <summary>
/// The signing keys named by one OpenID metadata document, with their endorsements. Fetched on first use, refreshed
/// every <see cref="RefreshInterval"/>, and refetched when a token names an unknown key (at most once per
/// <see cref="MinimumRefetchInterval"/>). A failed refresh keeps the keys already known.
/// </summary>
public sealed class OpenIdSigningKeys(HttpClient http, string metadataUrl, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinimumRefetchInterval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<EndorsedKey> _keys = [];
    private DateTimeOffset _fetched = DateTimeOffset.MinValue;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    public string MetadataUrl => metadataUrl;

    /// <summary>The keys; fetched again first when stale, or when <paramref name="keyId"/> is not among them.</summary>
    public async Task<IReadOnlyList<EndorsedKey>> GetAsync(string? keyId, CancellationToken cancellationToken)
    {
        var keys = _keys;
        var now = time.GetUtcNow();
        var stale = now - _fetched > RefreshInterval;
        var unknown = keyId is not null && !keys.Any(k => k.Key.KeyId == keyId);
        if (!stale && !unknown)
        {
            return keys;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            now = time.GetUtcNow();
            stale = now - _fetched > RefreshInterval;
            unknown = keyId is not null && !_keys.Any(k => k.Key.KeyId == keyId);
            if ((stale || unknown) && (now - _lastAttempt >= MinimumRefetchInterval || _keys.Count == 0))
            {
                _lastAttempt = now;
                try
                {
                    _keys = await FetchAsync(cancellationToken);
                    _fetched = time.GetUtcNow();
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Could not fetch the signing keys from {MetadataUrl}; keeping {Count} known keys", metadataUrl, _keys.Count);
                }
            }

            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<EndorsedKey>> FetchAsync(CancellationToken cancellationToken)
    {
        using var metadata = await GetJsonAsync(metadataUrl, cancellationToken);
        if (!metadata.RootElement.TryGetProperty("jwks_uri", out var jwksUri) || jwksUri.GetString() is not { } keysUrl)
        {
            throw new InvalidOperationException($"The OpenID metadata at {metadataUrl} names no jwks_uri.");
        }

        using var set = await GetJsonAsync(keysUrl, cancellationToken);
        if (!set.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException($"The key set at {keysUrl} has no keys.");
        }

        var result = new List<EndorsedKey>();
        foreach (var key in keys.EnumerateArray())
        {
            var endorsements = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                endorsements.UnionWith(list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
            }

            result.Add(new EndorsedKey(new JsonWebKey(key.GetRawText()), endorsements));
        }

        logger.LogInformation("Fetched {Count} signing keys from {MetadataUrl}", result.Count, metadataUrl);
        return result;
    }

    private async Task<JsonDocument> GetJsonAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }
}
