using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BriefingBot.Bot.Channel;

/// <summary>
/// The OAuth 2.0 client-credentials grant against the Microsoft identity platform (single- or multi-tenant
/// authority), with the app's secret or a certificate-signed client assertion. Retries 429 and 5xx a few times.
/// </summary>
public sealed class ClientCredentialsTokenAcquirer(BotOptions options, HttpClient http, TimeProvider time) : ITokenAcquirer
{
    private const int Attempts = 3;
    private readonly Lazy<X509Certificate2?> _certificate = new(() => LoadCertificate(options));

    public async Task<AccessToken> AcquireAsync(CancellationToken cancellationToken)
    {
        var endpoint = options.ResolvedTokenEndpoint;
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(Form(endpoint)), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return Parse(body);
            }

            if (attempt >= Attempts || !(response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500))
            {
                throw new TokenAcquisitionException($"The token endpoint {endpoint} answered {(int)response.StatusCode}: {Shorten(body)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt)), time, cancellationToken);
        }
    }

    private IEnumerable<KeyValuePair<string, string>> Form(string endpoint)
    {
        yield return new("grant_type", "client_credentials");
        yield return new("client_id", options.MicrosoftAppId!);
        yield return new("scope", options.OAuthScope);
        if (_certificate.Value is { } certificate)
        {
            yield return new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            yield return new("client_assertion", Assertion(certificate, endpoint));
        }
        else
        {
            yield return new("client_secret", options.MicrosoftAppPassword ?? "");
        }
    }

    private string Assertion(X509Certificate2 certificate, string endpoint)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.MicrosoftAppId,
            Audience = endpoint,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = options.MicrosoftAppId!, ["jti"] = Guid.NewGuid().ToString() },
            SigningCredentials = new X509SigningCredentials(certificate, SecurityAlgorithms.RsaSha256),
            AdditionalHeaderClaims = new Dictionary<string, object>
            {
                ["x5t#S256"] = Base64UrlEncoder.Encode(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)),
            },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private AccessToken Parse(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var token = root.TryGetProperty("access_token", out var value) ? value.GetString() : null;
        if (string.IsNullOrEmpty(token))
        {
            throw new TokenAcquisitionException("The token endpoint's answer has no access_token.");
        }

        var seconds = root.TryGetProperty("expires_in", out var expires)
            ? expires.ValueKind == JsonValueKind.Number ? expires.GetInt64() : long.Parse(expires.GetString() ?? "3600", System.Globalization.CultureInfo.InvariantCulture)
            : 3600;
        return new AccessToken(token, time.GetUtcNow().AddSeconds(seconds));
    }

    private static X509Certificate2? LoadCertificate(BotOptions options)
    {
        if (string.IsNullOrEmpty(options.MicrosoftAppCertificatePath))
        {
            return null;
        }

        var path = options.MicrosoftAppCertificatePath;
        if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase))
        {
            return X509Certificate2.CreateFromPemFile(path, options.MicrosoftAppCertificatePassword);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, options.MicrosoftAppCertificatePassword);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
