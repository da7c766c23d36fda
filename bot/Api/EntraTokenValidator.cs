using BriefingBot.Bot.Channel;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BriefingBot.Bot.Api;

/// <summary>
/// Validates Entra ID access tokens for the staff API: signed by a key from the authority's OpenID metadata, issued by
/// an accepted issuer, meant for one of the configured audiences, current (5-minute skew), and holding one of the
/// API's app roles. The roles grant read and/or write and, through <see cref="EntraApiOptions.RoleScopes"/>, a tag scope;
/// a valid token without any of them is a caller without permissions, whom the staff policies refuse with a 403.
/// </summary>
public sealed class EntraTokenValidator
{
    private readonly EntraApiOptions _options;
    private readonly OpenIdSigningKeys _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public EntraTokenValidator(EntraApiOptions options, HttpClient http, TimeProvider time, ILogger<EntraTokenValidator> logger)
    {
        if (options.Audiences.Count == 0)
        {
            throw new InvalidOperationException("Api:Entra needs at least one entry in Audiences (the API's app id URI or client id).");
        }

        _options = options;
        _time = time;
        _logger = logger;
        _keys = new OpenIdSigningKeys(http, options.EffectiveMetadataUrl, time, logger);
    }

    /// <summary>The caller, or null with the reason the token was refused.</summary>
    public async Task<(StaffCaller? Caller, string? Refusal)> ValidateAsync(string raw, CancellationToken cancellationToken)
    {
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return (null, "The bearer token is neither a valid API key nor a well-formed JWT.");
        }

        var keys = await _keys.GetAsync(token.Kid, cancellationToken);
        var result = await _handler.ValidateTokenAsync(raw, SignedTokenParameters.Create(_options.EffectiveIssuers(), _options.Audiences, keys, _time));
        if (!result.IsValid)
        {
            _logger.LogInformation("Entra token rejected: {Reason}", result.Exception?.Message);
            return (null, $"The bearer token was rejected ({Describe(result.Exception)}).");
        }

        var roles = result.ClaimsIdentity.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var permissions = StaffPermission.None;
        if (roles.Overlaps(_options.EffectiveReadRoles))
        {
            permissions |= StaffPermission.Read;
        }

        if (roles.Overlaps(_options.EffectiveWriteRoles))
        {
            permissions |= StaffPermission.Write;
        }

        var scopes = _options.RoleScopes.Where(r => roles.Contains(r.Key)).SelectMany(r => r.Value)
            .GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.SelectMany(t => t.Value).ToList());
        var name = result.ClaimsIdentity.FindFirst("oid")?.Value
            ?? result.ClaimsIdentity.FindFirst("sub")?.Value
            ?? result.ClaimsIdentity.FindFirst("azp")?.Value
            ?? result.ClaimsIdentity.FindFirst("appid")?.Value
            ?? "entra";
        return (new StaffCaller { Name = name, Kind = StaffCallerKind.Entra, Permissions = permissions, Scope = StaffPermissions.Scope(scopes) }, null);
    }

    private static string Describe(Exception? e) => e switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenInvalidLifetimeException => "expired or not yet valid",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "issuer not accepted",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "bad signature",
        _ => "invalid",
    };
}
