using System.Net;

namespace BriefingBot.Bot.Operations;

/// <summary>
/// Where the bot is reached and who stands in front of it (keys <c>Bot:PublicUrl</c> and <c>Bot:KnownProxies</c>):
/// the origin the chat page and stream URLs use, never the request's <c>Host</c>, and the proxies whose
/// <c>X-Forwarded-For</c> names the client's address.
/// </summary>
public sealed class PublicAddressOptions
{
    public const string SectionName = "Bot";

    /// <summary>
    /// The bot's public origin (<c>https://chat.example.org</c>): the page's own origin for <c>/webchat/token</c> and the
    /// base of stream and attachment URLs. Empty: the server's listening address.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Addresses of reverse proxies whose <c>X-Forwarded-For</c> is believed. Empty: the header is ignored.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary><see cref="PublicUrl"/> as <c>scheme://host[:port]</c>, lower case; null when not set.</summary>
    public string? PublicOrigin => string.IsNullOrWhiteSpace(PublicUrl) ? null : DirectLine.DirectLineOrigins.Normalize(PublicUrl);

    public IReadOnlyList<IPAddress> Proxies => [.. KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var a) ? a : null).OfType<IPAddress>()];

    /// <summary>Throws, naming the setting, when a value cannot be used.</summary>
    public void Validate()
    {
        if (!string.IsNullOrWhiteSpace(PublicUrl) && PublicOrigin is null)
        {
            throw new InvalidOperationException(
                $"Bot:PublicUrl '{PublicUrl}' is not an absolute http or https URL of an origin, such as https://chat.example.org.");
        }

        foreach (var proxy in KnownProxies)
        {
            if (!IPAddress.TryParse(proxy?.Trim(), out _))
            {
                throw new InvalidOperationException($"Bot:KnownProxies '{proxy}' is not an IP address (such as 10.0.0.5 or ::1).");
            }
        }
    }
}
