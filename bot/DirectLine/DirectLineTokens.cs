using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BriefingBot.Bot.DirectLine;

/// <summary>
/// Issues and checks Direct Line tokens: JWTs signed with HMAC-SHA256 under the server's key, bound to one
/// conversation (claim <c>conv</c>), optionally to one user (<c>user</c>, which Web Chat adopts as its user id), and
/// to the site secret they descend from (<c>site</c>), so that removing a secret revokes its tokens.
/// </summary>
public sealed class DirectLineTokens
{
    public const string ConversationKind = "conversation";
    public const string StreamKind = "stream";
    public const string PageSite = "page";
    private const string Issuer = "briefingbot-directline";
    private const string Audience = "briefingbot-directline";

    private readonly SymmetricSecurityKey _key;
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Dictionary<string, string> _sites;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _latestExpiry = new(StringComparer.Ordinal);
    private long _issued;

    public DirectLineTokens(byte[] signingKey, DirectLineOptions options, string pageSecret, TimeProvider time)
    {
        _key = new SymmetricSecurityKey(signingKey) { KeyId = "dl" };
        _options = options;
        _time = time;
        PageSecret = pageSecret;
        _sites = options.Secrets.ToDictionary(Fingerprint, s => s, StringComparer.Ordinal);
        _sites[PageSite] = pageSecret;
    }

    /// <summary>The secret of the bot's own page: the first configured one, or one made at start-up. Never sent to a browser.</summary>
    public string PageSecret { get; }

    /// <summary>The site a secret belongs to, or null when it is not one of ours (compared in constant time).</summary>
    public string? SiteOf(string secret)
    {
        var presented = Encoding.UTF8.GetBytes(secret);
        string? match = null;
        foreach (var (site, known) in _sites)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(known)))
            {
                match = site;
            }
        }

        return match;
    }

    public string Issue(string conversationId, string? userId, string site, string kind = ConversationKind)
    {
        var now = _time.GetUtcNow();
        if (kind == ConversationKind)
        {
            NoteExpiry(conversationId, now.Add(_options.TokenLifetime), now);
        }

        var claims = new Dictionary<string, object>
        {
            ["conv"] = conversationId,
            ["kind"] = kind,
            ["site"] = site,
            [JwtRegisteredClaimNames.Jti] = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
        };
        if (userId is { Length: > 0 })
        {
            claims["user"] = userId;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(_options.TokenLifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    public string Reissue(DirectLineToken token, string kind = ConversationKind) => Issue(token.ConversationId, token.UserId, token.Site, kind);

    public async Task<TokenCheck> CheckAsync(string? token, string kind)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenCheck.Refused("No token was given.");
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } end && _time.GetUtcNow().UtcDateTime < end && (notBefore is not { } start || start <= _time.GetUtcNow().UtcDateTime.AddSeconds(5)),
        });
        if (!result.IsValid)
        {
            return result.Exception is SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException
                ? TokenCheck.Refused("The token has expired.", expired: true)
                : TokenCheck.Refused("The token is not valid.");
        }

        var claims = result.ClaimsIdentity;
        var conversation = claims.FindFirst("conv")?.Value;
        var site = claims.FindFirst("site")?.Value;
        var tokenKind = claims.FindFirst("kind")?.Value;
        if (conversation is null || site is null || !_sites.ContainsKey(site))
        {
            return TokenCheck.Refused("The token is not valid.");
        }

        if (tokenKind != kind)
        {
            return TokenCheck.Refused(kind == StreamKind ? "A stream URL carries its own token." : "A stream token cannot be used here.");
        }

        var expires = new DateTimeOffset(((JsonWebToken)result.SecurityToken).ValidTo, TimeSpan.Zero);
        return TokenCheck.Valid(new DirectLineToken(conversation, claims.FindFirst("user")?.Value, tokenKind, site, expires));
    }

    /// <summary>
    /// The latest expiry of the conversation tokens this process issued for the conversation (start, reconnect,
    /// refresh), or null when it issued none that is still valid. An open stream lives until then.
    /// </summary>
    public DateTimeOffset? LatestExpiry(string conversationId) =>
        _latestExpiry.TryGetValue(conversationId, out var expires) && expires > _time.GetUtcNow() ? expires : null;

    private void NoteExpiry(string conversationId, DateTimeOffset expires, DateTimeOffset now)
    {
        _latestExpiry.AddOrUpdate(conversationId, expires, (_, known) => known > expires ? known : expires);
        if (Interlocked.Increment(ref _issued) % 1000 == 0)
        {
            foreach (var (conversation, until) in _latestExpiry)
            {
                if (until <= now)
                {
                    _latestExpiry.TryRemove(KeyValuePair.Create(conversation, until));
                }
            }
        }
    }

    /// <summary>The rate-limiting partition of a credential: its site for a secret, its conversation for a valid token, else null.</summary>
    public string? PartitionOf(string credential)
    {
        if (SiteOf(credential) is { } site)
        {
            return "site:" + site;
        }

        var check = CheckAsync(credential, ConversationKind).GetAwaiter().GetResult();
        if (check.Token is null)
        {
            check = CheckAsync(credential, StreamKind).GetAwaiter().GetResult();
        }

        return check.Token is { } token ? "conversation:" + token.ConversationId : null;
    }

    private static string Fingerprint(string secret) =>
        "s-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..12].ToLowerInvariant();
}
