using BriefingBot.Bot.Teams;
using Microsoft.Extensions.Configuration;

namespace BriefingBot.Bot.Cli;

/// <summary>
/// <c>teams-package --out FILE.zip</c>: writes the Teams app package for the bot configured in <c>Bot:MicrosoftAppId</c>
/// (or <c>--bot-id</c>), with the app details from <c>Bot:Teams</c> (<c>--website</c>, <c>--privacy</c>,
/// <c>--terms</c>, <c>--version</c> override them).
/// </summary>
internal static class TeamsPackageVerb
{
    public static Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var output = args.Get("out") ?? throw new CliException("teams-package needs --out FILE.zip.");
        var options = context.Configuration.GetSection(TeamsAppOptions.SectionName).Get<TeamsAppOptions>() ?? new TeamsAppOptions();
        options.WebsiteUrl = args.Get("website") ?? options.WebsiteUrl;
        options.PrivacyUrl = args.Get("privacy") ?? options.PrivacyUrl;
        options.TermsOfUseUrl = args.Get("terms") ?? options.TermsOfUseUrl;
        options.Version = args.Get("version") ?? options.Version;
        options.AppId = args.Get("app-id") ?? options.AppId;
        var botId = args.Get("bot-id") ?? context.Configuration["Bot:MicrosoftAppId"];
        if (TeamsAppPackage.Validate(botId, options) is { Count: > 0 } problems)
        {
            throw new CliException(string.Join("\n", problems));
        }

        TeamsAppPackage.Write(output, botId!, options);
        if (context.Json)
        {
            context.WriteJson(new { path = Path.GetFullPath(output), botId, manifestVersion = TeamsAppPackage.ManifestVersion });
        }
        else
        {
            context.Output.WriteLine($"Wrote {Path.GetFullPath(output)} (bot {botId}); upload it in Teams: Apps > Manage your apps > Upload an app.");
        }

        return Task.FromResult(0);
    }
}
