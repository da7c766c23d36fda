using System.Security.Claims;
using BriefingBot.Bot.Activities;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BriefingBot.Bot.Channel;

/// <summary>
/// Authenticates requests to the messaging endpoint as the Bot Framework channels do. A channel token (issuer
/// <see cref="BotOptions.ChannelIssuer"/>) must be signed by a key from the channel metadata that is endorsed for the
/// activity's channel, be meant for this bot, be current (5-minute skew) and carry a <c>serviceurl</c> claim equal to
/// the activity's serviceUrl. An Emulator token (Microsoft identity platform) must be signed by an Entra key and
/// issued to this bot's own app id. With no app id configured, requests without a token are anonymous.
/// </summary>
public sealed class BotAuthenticator
{
    private static readonly string[] EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
        "https://sts.windows.net/cab8a31a-1906-4287-a0d8-4eef66b95f6e/",
        "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0",
    ];

    private readonly BotOptions _options;
    private readonly OpenIdSigningKeys _channelKeys;
    private readonly OpenIdSigningKeys _emulatorKeys;
    private readonly ServiceUrlTrust _trust;
    private readonly TimeProvider _time;
    private readonly ILogger<BotAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotAuthenticator(BotOptions options, HttpClient http, ServiceUrlTrust trust, TimeProvider time, ILogger<BotAuthenticator> logger)
    {
        _options = options;
        _trust = trust;
        _time = time;
        _logger = logger;
        _channelKeys = new OpenIdSigningKeys(http, options.ChannelOpenIdMetadataUrl, time, logger);
        _emulatorKeys = new OpenIdSigningKeys(http, options.EmulatorOpenIdMetadataUrl, time, logger);
    }

    public async Task<AuthenticationOutcome> AuthenticateAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization) || authorization.Trim().Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return _options.AuthenticationEnabled
                ? AuthenticationOutcome.Fail("no Authorization header")
                : AuthenticationOutcome.AnonymousCaller();
        }

        if (!_options.AuthenticationEnabled)
        {
            return AuthenticationOutcome.Fail("a token was sent but no Bot:MicrosoftAppId is configured to validate it against");
        }

        var parts = authorization.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationOutcome.Fail("the Authorization header is not 'Bearer <token>'");
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(parts[1]);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return AuthenticationOutcome.Fail("the token is not a well-formed JWT");
        }

        return IsEmulatorIssuer(token.Issuer)
            ? await ValidateEmulatorAsync(parts[1], token, activity, cancellationToken)
            : await ValidateChannelAsync(parts[1], token, activity, cancellationToken);
    }

    private async Task<AuthenticationOutcome> ValidateChannelAsync(string raw, JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        var keys = await _channelKeys.GetAsync(token.Kid, cancellationToken);
        var result = await ValidateAsync(raw, [_options.ChannelIssuer], keys, cancellationToken);
        if (!result.IsValid)
        {
            return AuthenticationOutcome.Fail($"channel token rejected: {result.Exception?.GetType().Name}: {result.Exception?.Message}");
        }

        var endorsed = keys.FirstOrDefault(k => ReferenceEquals(k.Key, result.SecurityToken.SigningKey) || (k.Key.KeyId is { } kid && kid == result.SecurityToken.SigningKey?.KeyId));
        if (!string.IsNullOrEmpty(activity.ChannelId) && endorsed?.Endorsements.Contains(activity.ChannelId) != true)
        {
            return AuthenticationOutcome.Fail($"the signing key is not endorsed for channel '{activity.ChannelId}'");
        }

        var serviceUrl = result.ClaimsIdentity.FindFirst("serviceurl")?.Value;
        if (serviceUrl is null)
        {
            return AuthenticationOutcome.Fail("the token has no serviceurl claim");
        }

        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationOutcome.Fail("the token's serviceurl claim differs from the activity's serviceUrl");
        }

        _trust.Trust(serviceUrl);
        return AuthenticationOutcome.Authenticated("urn:botframework:azure");
    }

    private async Task<AuthenticationOutcome> ValidateEmulatorAsync(string raw, JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        var keys = await _emulatorKeys.GetAsync(token.Kid, cancellationToken);
        var result = await ValidateAsync(raw, AcceptedEmulatorIssuers(), keys, cancellationToken);
        if (!result.IsValid)
        {
            return AuthenticationOutcome.Fail($"emulator token rejected: {result.Exception?.GetType().Name}: {result.Exception?.Message}");
        }

        var version = result.ClaimsIdentity.FindFirst("ver")?.Value;
        var appId = version switch
        {
            null or "1.0" => result.ClaimsIdentity.FindFirst("appid")?.Value,
            "2.0" => result.ClaimsIdentity.FindFirst("azp")?.Value,
            _ => null,
        };
        if (!string.Equals(appId, _options.MicrosoftAppId, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationOutcome.Fail($"the emulator token (version {version ?? "1.0"}) was not issued to this bot's app id");
        }

        if (activity.ServiceUrl is { } serviceUrl)
        {
            _trust.Trust(serviceUrl);
        }

        return AuthenticationOutcome.Authenticated("urn:botframework:azure");
    }

    private async Task<TokenValidationResult> ValidateAsync(string raw, IEnumerable<string> issuers, IReadOnlyList<EndorsedKey> keys, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parameters = SignedTokenParameters.Create(issuers, [_options.MicrosoftAppId!], keys, _time);
        var result = await _handler.ValidateTokenAsync(raw, parameters);
        if (!result.IsValid)
        {
            _logger.LogDebug(result.Exception, "Token validation failed");
        }

        return result;
    }


    private bool IsEmulatorIssuer(string? issuer) => issuer is not null && AcceptedEmulatorIssuers().Contains(issuer, StringComparer.Ordinal);

    private IEnumerable<string> AcceptedEmulatorIssuers()
    {
        foreach (var issuer in EmulatorIssuers)
        {
            yield return issuer;
        }

        if (!string.IsNullOrWhiteSpace(_options.MicrosoftAppTenantId))
        {
            yield return $"https://sts.windows.net/{_options.MicrosoftAppTenantId}/";
            yield return $"https://login.microsoftonline.com/{_options.MicrosoftAppTenantId}/v2.0";
        }
    }
}
