using BriefingBot.Bot.Operations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BriefingBot.Bot.DirectLine;

/// <summary>
/// Which browser origins may use the chat: the bot's own and the configured ones. The bot's own origin is
/// <c>Bot:PublicUrl</c>, or else the addresses the server listens on (a wildcard or loopback address stands for this
/// machine's loopback names); the request's <c>Host</c> header is never believed for it.
/// </summary>
public sealed class DirectLineOrigins(DirectLineOptions options, PublicAddressOptions address, IServer server)
{
    private readonly HashSet<string> _allowed = Configured(options);
    private IReadOnlyList<string>? _own;

    public IReadOnlyCollection<string> Allowed => _allowed;

    /// <summary>The bot's own origins; the first is the one its URLs (stream, attachments) are made with.</summary>
    public IReadOnlyList<string> Own => _own ??= address.PublicOrigin is { } configured ? [configured] : Listening();

    /// <summary>The origin the bot's own URLs start with.</summary>
    public string Primary => Own.Count > 0 ? Own[0] : "http://localhost";

    /// <summary>The allowed origins of the settings, normalized.</summary>
    public static HashSet<string> Configured(DirectLineOptions options) =>
        options.AllowedOrigins.Select(Normalize).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>scheme://host[:port]</c> of an origin, lower case, or null when it is not one.</summary>
    public static string? Normalize(string? origin) =>
        Uri.TryCreate(origin?.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;

    public bool IsConfigured(string? origin) => Normalize(origin) is { } normalized && _allowed.Contains(normalized);

    /// <summary>True for the bot's own origin and the configured ones.</summary>
    public bool MayUse(string? origin) =>
        Normalize(origin) is { } normalized && (_allowed.Contains(normalized) || Own.Contains(normalized, StringComparer.OrdinalIgnoreCase));

    private List<string> Listening()
    {
        var origins = new List<string>();
        foreach (var listening in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            var text = listening.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                continue;
            }

            var local = uri.IsLoopback || uri.Host is "0.0.0.0" or "[::]";
            var hosts = local ? ["localhost", "127.0.0.1", "[::1]"] : new[] { uri.Host };
            var first = uri.IsLoopback && !uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? uri.Host : hosts[0];
            foreach (var host in hosts.Prepend(first).Distinct())
            {
                var origin = Normalize($"{uri.Scheme}://{host}:{uri.Port}");
                if (origin is not null && !origins.Contains(origin))
                {
                    origins.Add(origin);
                }
            }
        }

        return origins;
    }
}
