using System.Security.Cryptography;
using System.Text;

namespace BriefingBot.Bot.Api;

/// <summary>
/// Checks a presented API key against the configured hashes: the key is hashed once and compared with every
/// configured hash in constant time, so neither the timing nor the order of the keys tells anything about them.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    private readonly IReadOnlyList<(ApiKeyOptions Options, byte[] Hash)> _keys;

    public ApiKeyAuthenticator(ApiOptions options)
    {
        var keys = new List<(ApiKeyOptions, byte[])>();
        foreach (var key in options.Keys)
        {
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                throw new InvalidOperationException("Every Api:Keys entry needs a Name.");
            }

            byte[] hash;
            try
            {
                hash = Convert.FromHexString(key.Hash.Trim());
            }
            catch (FormatException)
            {
                hash = [];
            }

            if (hash.Length != SHA256.HashSizeInBytes)
            {
                throw new InvalidOperationException($"Api:Keys '{key.Name}': Hash must be the 64 hex digits of the key's SHA-256 (see 'bot api-key').");
            }

            keys.Add((key, hash));
        }

        _keys = keys;
    }

    public bool Enabled => _keys.Count > 0;

    /// <summary>Whether the value is one of the configured keys, revoked or not.</summary>
    public bool IsConfigured(string presented) => Match(presented) is not null;

    /// <summary>The caller the key belongs to, or null with the reason it was refused.</summary>
    public (StaffCaller? Caller, string? Refusal) Authenticate(string presented)
    {
        var match = Match(presented);
        if (match is null)
        {
            return (null, "The API key is not valid.");
        }

        if (match.Revoked)
        {
            return (null, "The API key has been revoked.");
        }

        return (new StaffCaller
        {
            Name = match.Name,
            Kind = StaffCallerKind.Key,
            Permissions = StaffPermissions.Parse(match.Permissions, $"Api:Keys '{match.Name}'"),
            Scope = StaffPermissions.Scope(match.Tags),
        }, null);
    }

    private ApiKeyOptions? Match(string presented)
    {
        var hash = Hash(presented);
        ApiKeyOptions? match = null;
        foreach (var (options, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = options;
            }
        }

        return match;
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));
}
