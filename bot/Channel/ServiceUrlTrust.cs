using System.Collections.Concurrent;

namespace BriefingBot.Bot.Channel;

/// <summary>
/// The serviceUrls the bot may call with its credentials: those introduced by an authenticated request. With
/// authentication disabled (local development) nothing is sent with credentials, and every serviceUrl is allowed.
/// </summary>
public sealed class ServiceUrlTrust(BotOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _trusted = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl) => _trusted[Normalize(serviceUrl)] = time.GetUtcNow();

    public bool IsTrusted(string serviceUrl) => !options.AuthenticationEnabled || _trusted.ContainsKey(Normalize(serviceUrl));

    private static string Normalize(string serviceUrl) => serviceUrl.Trim().TrimEnd('/');
}
