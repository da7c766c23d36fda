using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BriefingBot.Bot.Tests.Support;

/// <summary>
/// A local identity provider on loopback with keys of its own: the Bot Framework channel's OpenID metadata and
/// endorsed keys (<c>/channel/…</c>), the Microsoft identity platform's (<c>/entra/…</c>), and a client-credentials
/// token endpoint (<c>/token</c>) that checks the bot's secret and counts the tokens it issues.
/// </summary>
public sealed class LocalIssuer : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorIssuerV2 = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";
    public const string Secret = "local-test-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _tokenRequests = new();
    private int _issued;

    private LocalIssuer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string AppId { get; } = Guid.NewGuid().ToString();

    /// <summary>Endorsed for every channel the tests use.</summary>
    public RsaSecurityKey ChannelKey { get; } = NewKey("channel-all");

    /// <summary>Endorsed for <c>webchat</c> only.</summary>
    public RsaSecurityKey WebChatOnlyKey { get; } = NewKey("channel-webchat");

    public RsaSecurityKey EntraKey { get; } = NewKey("entra");

    /// <summary>Published nowhere.</summary>
    public RsaSecurityKey UnpublishedKey { get; } = NewKey("channel-all");

    /// <summary>The certificate the bot may authenticate with instead of the secret.</summary>
    public X509Certificate2 Certificate { get; } = NewCertificate();

    public string ChannelMetadataUrl => BaseUrl + "/channel/.well-known/openidconfiguration";

    public string EntraMetadataUrl => BaseUrl + "/entra/v2.0/.well-known/openid-configuration";

    public string TokenEndpoint => BaseUrl + "/token";

    public IReadOnlyList<IReadOnlyDictionary<string, string>> TokenRequests => [.. _tokenRequests];

    /// <summary>The access tokens issued so far, "bot-token-1", "bot-token-2", ….</summary>
    public int Issued => Volatile.Read(ref _issued);

    public static async Task<LocalIssuer> StartAsync()
    {
        LocalIssuer? issuer = null;
        var (app, url) = await LoopbackApp.StartAsync(app =>
        {
            app.MapGet("/channel/.well-known/openidconfiguration", () => Results.Json(new
            {
                issuer = ChannelIssuer,
                jwks_uri = issuer!.BaseUrl + "/channel/keys",
                id_token_signing_alg_values_supported = new[] { "RS256" },
            }));
            app.MapGet("/channel/keys", () => Results.Json(new
            {
                keys = new[]
                {
                    Jwk(issuer!.ChannelKey, ["msteams", "webchat", "directline", "emulator"]),
                    Jwk(issuer.WebChatOnlyKey, ["webchat"]),
                },
            }));
            app.MapGet("/entra/v2.0/.well-known/openid-configuration", () => Results.Json(new
            {
                issuer = "https://login.microsoftonline.com/{tenantid}/v2.0",
                jwks_uri = issuer!.BaseUrl + "/entra/keys",
            }));
            app.MapGet("/entra/keys", () => Results.Json(new { keys = new[] { Jwk(issuer!.EntraKey, null) } }));
            app.MapPost("/token", async (HttpContext context) =>
            {
                var form = await context.Request.ReadFormAsync();
                var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
                issuer!._tokenRequests.Enqueue(fields);
                var authenticated = fields.GetValueOrDefault("client_secret") == Secret
                    || (fields.GetValueOrDefault("client_assertion_type") == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                        && await issuer.ValidAssertionAsync(fields.GetValueOrDefault("client_assertion")));
                if (fields.GetValueOrDefault("client_id") != issuer.AppId || !authenticated || fields.GetValueOrDefault("grant_type") != "client_credentials")
                {
                    return Results.Json(new { error = "invalid_client" }, statusCode: 401);
                }

                var n = Interlocked.Increment(ref issuer._issued);
                return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = $"bot-token-{n}" });
            });
        });
        issuer = new LocalIssuer(app, url);
        return issuer;
    }

    /// <summary>A channel token; every part can be made wrong.</summary>
    public string ChannelToken(
        string serviceUrl,
        string? audience = null,
        string issuer = ChannelIssuer,
        SecurityKey? key = null,
        DateTime? expires = null,
        bool withServiceUrl = true)
    {
        var claims = new Dictionary<string, object>();
        if (withServiceUrl)
        {
            claims["serviceurl"] = serviceUrl;
        }

        return Create(issuer, audience ?? AppId, key ?? ChannelKey, claims, expires);
    }

    /// <summary>An Emulator token (v2: the caller's app id in <c>azp</c>).</summary>
    public string EmulatorToken(string? callerAppId = null) =>
        Create(EmulatorIssuerV2, AppId, EntraKey, new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = callerAppId ?? AppId }, null);

    /// <summary>An Entra ID access token for an API (v2: roles in <c>roles</c>); every part can be made wrong.</summary>
    public string EntraAccessToken(string issuer, string audience, IEnumerable<string> roles, DateTime? expires = null, SecurityKey? key = null, string? objectId = null) =>
        Create(issuer, audience, key ?? EntraKey, new Dictionary<string, object>
        {
            ["ver"] = "2.0",
            ["oid"] = objectId ?? Guid.NewGuid().ToString(),
            ["azp"] = Guid.NewGuid().ToString(),
            ["roles"] = roles.ToArray(),
        }, expires);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static string Create(string issuer, string audience, SecurityKey key, Dictionary<string, object> claims, DateTime? expires)
    {
        var exp = expires ?? DateTime.UtcNow.AddHours(1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = exp.AddHours(-2),
            IssuedAt = exp.AddHours(-2),
            Expires = exp,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private async Task<bool> ValidAssertionAsync(string? assertion)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = AppId,
            ValidAudience = TokenEndpoint,
            IssuerSigningKey = new X509SecurityKey(Certificate),
            ValidateLifetime = true,
        });
        return result.IsValid && result.ClaimsIdentity.FindFirst("sub")?.Value == AppId
            && ((JsonWebToken)result.SecurityToken).TryGetHeaderValue<string>("x5t#S256", out var thumbprint)
            && thumbprint == Base64UrlEncoder.Encode(Certificate.GetCertHash(HashAlgorithmName.SHA256));
    }

    private static X509Certificate2 NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=briefingbot-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    private static Dictionary<string, object> Jwk(RsaSecurityKey key, string[]? endorsements)
    {
        var parameters = key.Rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = endorsements;
        }

        return jwk;
    }
}
