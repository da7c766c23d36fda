using System.Globalization;
using System.Text.Json;

namespace BriefingBot.Bot.Channel;

/// <summary>
/// A user-assigned managed identity's token for the Bot Connector: App Service / Container Apps
/// (<c>IDENTITY_ENDPOINT</c> + <c>IDENTITY_HEADER</c>) or the VM metadata endpoint.
/// </summary>
public sealed class ManagedIdentityTokenAcquirer(BotOptions options, HttpClient http, TimeProvider time) : ITokenAcquirer
{
    private const string VmEndpoint = "http://169.254.169.254/metadata/identity/oauth2/token";

    public async Task<AccessToken> AcquireAsync(CancellationToken cancellationToken)
    {
        var resource = options.OAuthScope.EndsWith("/.default", StringComparison.Ordinal) ? options.OAuthScope[..^"/.default".Length] : options.OAuthScope;
        var endpoint = options.ManagedIdentityEndpoint ?? Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT");
        var header = Environment.GetEnvironmentVariable("IDENTITY_HEADER");
        var appService = endpoint is not null;
        var url = appService
            ? $"{endpoint}?resource={Uri.EscapeDataString(resource)}&api-version=2019-08-01&client_id={Uri.EscapeDataString(options.MicrosoftAppId!)}"
            : $"{VmEndpoint}?resource={Uri.EscapeDataString(resource)}&api-version=2018-02-01&client_id={Uri.EscapeDataString(options.MicrosoftAppId!)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (appService && header is not null)
        {
            request.Headers.Add("X-IDENTITY-HEADER", header);
        }
        else if (!appService)
        {
            request.Headers.Add("Metadata", "true");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new TokenAcquisitionException($"The managed identity endpoint answered {(int)response.StatusCode}.");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var token = root.GetProperty("access_token").GetString() ?? throw new TokenAcquisitionException("No access_token from the managed identity endpoint.");
        var expiresOn = root.TryGetProperty("expires_on", out var on)
            ? DateTimeOffset.FromUnixTimeSeconds(on.ValueKind == JsonValueKind.Number ? on.GetInt64() : long.Parse(on.GetString()!, CultureInfo.InvariantCulture))
            : time.GetUtcNow().AddSeconds(root.TryGetProperty("expires_in", out var inSeconds) ? long.Parse(inSeconds.ToString(), CultureInfo.InvariantCulture) : 3600);
        return new AccessToken(token, expiresOn);
    }
}
