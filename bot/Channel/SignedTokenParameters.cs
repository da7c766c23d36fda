using Microsoft.IdentityModel.Tokens;

namespace BriefingBot.Bot.Channel;

/// <summary>
/// How every Microsoft-issued JWT this host accepts is checked (Bot Framework channel tokens and Entra ID tokens for
/// the staff API): RSA signatures by one of the published keys, the issuer, the audience, and a lifetime with 5 minutes'
/// clock skew measured on the host's <see cref="TimeProvider"/>.
/// </summary>
public static class SignedTokenParameters
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    public static TokenValidationParameters Create(
        IEnumerable<string> issuers, IEnumerable<string> audiences, IEnumerable<EndorsedKey> keys, TimeProvider time) => new()
    {
        ValidIssuers = issuers.ToList(),
        ValidAudiences = audiences.ToList(),
        IssuerSigningKeys = keys.Select(k => (SecurityKey)k.Key).ToList(),
        ValidAlgorithms = Algorithms,
        ClockSkew = ClockSkew,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateIssuerSigningKey = true,
        TryAllIssuerSigningKeys = true,
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return expires is { } exp && exp.ToUniversalTime() + ClockSkew >= now
                && (notBefore is not { } nbf || nbf.ToUniversalTime() - ClockSkew <= now);
        },
    };
}
