namespace BriefingBot.Bot.DirectLine;

/// <summary>Which browser origins may use the chat: the bot's own and the configured ones.</summary>
public sealed class DirectLineOrigins(DirectLineOptions options)
{
    private readonly HashSet<string> _allowed = options.AllowedOrigins
        .Select(Normalize).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Allowed => _allowed;

    /// <summary><c>scheme://host[:port]</c> of an origin, lower case, or null when it is not one.</summary>
    public static string? Normalize(string? origin) =>
        Uri.TryCreate(origin?.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;

    public bool IsConfigured(string? origin) => Normalize(origin) is { } normalized && _allowed.Contains(normalized);

    /// <summary>True for the bot's own origin (the request's scheme and host) and the configured ones.</summary>
    public bool MayUse(HttpRequest request, string? origin)
    {
        if (Normalize(origin) is not { } normalized)
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host.Value}".ToLowerInvariant();
        return normalized == own || _allowed.Contains(normalized);
    }
}
