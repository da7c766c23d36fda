using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BriefingBot.Bot.Channel;

/// <summary>
/// Says at start-up when the messaging endpoint runs without authentication, and stops the server when it would do
/// so on a non-loopback address without <see cref="BotOptions.AllowAnonymousOnPublicAddress"/>.
/// </summary>
public static class AnonymousModeGuard
{
    public static void Register(WebApplication app, BotOptions options)
    {
        if (options.AuthenticationEnabled)
        {
            app.Logger.LogInformation("Bot Framework authentication on for app id {AppId} ({AppType})", options.MicrosoftAppId, options.MicrosoftAppType);
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
            if (exposed.Count > 0 && !options.AllowAnonymousOnPublicAddress)
            {
                app.Logger.LogCritical(
                    "No Bot:MicrosoftAppId is configured, so /api/messages would accept anonymous requests, and the server listens on {Addresses}, " +
                    "which is not loopback. Refusing to run: configure the bot's app registration, listen on localhost only, or set " +
                    "Bot:AllowAnonymousOnPublicAddress=true.", string.Join(", ", exposed));
                Environment.ExitCode = 1;
                app.Lifetime.StopApplication();
                return;
            }

            app.Logger.LogWarning(
                "No Bot:MicrosoftAppId configured: /api/messages accepts anonymous requests and replies without credentials (local development, Emulator){Exposed}",
                exposed.Count > 0 ? $"; ALSO on non-loopback {string.Join(", ", exposed)} as Bot:AllowAnonymousOnPublicAddress allows" : "");
        });
    }

    public static bool IsLoopback(string address)
    {
        var host = address;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/');
        if (slash >= 0)
        {
            host = host[..slash];
        }

        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']')];
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
