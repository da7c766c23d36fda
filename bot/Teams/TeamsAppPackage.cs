using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BriefingBot.Bot.Turns;

namespace BriefingBot.Bot.Teams;

/// <summary>
/// The Teams app package: <c>manifest.json</c> (schema 1.17) declaring the bot in personal, group chat and team
/// scopes with its commands as prompt starters, plus <c>color.png</c> and <c>outline.png</c>.
/// </summary>
public static partial class TeamsAppPackage
{
    public const string ManifestVersion = "1.17";

    private static readonly (string Title, string Description)[] Commands =
    [
        (TurnCommands.Help, "What I can do and how to ask"),
        (TurnCommands.Sources, "The documents I answer from"),
        (TurnCommands.Reset, "Forget this conversation"),
    ];

    /// <summary>The problems that stop a package being built from these settings, empty when there are none.</summary>
    public static IReadOnlyList<string> Validate(string? botId, TeamsAppOptions options)
    {
        var problems = new List<string>();
        if (!Guid.TryParse(botId, out _))
        {
            problems.Add($"The bot id must be the Azure Bot's app id, a GUID (Bot:MicrosoftAppId or --bot-id; got '{botId}').");
        }

        if (options.AppId is not null && !Guid.TryParse(options.AppId, out _))
        {
            problems.Add($"Bot:Teams:AppId must be a GUID (got '{options.AppId}').");
        }

        foreach (var (name, url) in new[] { ("WebsiteUrl", options.WebsiteUrl), ("PrivacyUrl", options.PrivacyUrl ?? options.WebsiteUrl), ("TermsOfUseUrl", options.TermsOfUseUrl ?? options.WebsiteUrl) })
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                problems.Add($"Bot:Teams:{name} must be an https URL (got '{url}').");
            }
        }

        if (!Color().IsMatch(options.AccentColor))
        {
            problems.Add($"Bot:Teams:AccentColor must be #RRGGBB (got '{options.AccentColor}').");
        }

        if (!Version().IsMatch(options.Version))
        {
            problems.Add($"Bot:Teams:Version must be major.minor.patch (got '{options.Version}').");
        }

        if (options.ShortName.Length is 0 or > 30)
        {
            problems.Add("Bot:Teams:ShortName must have 1 to 30 characters.");
        }

        return problems;
    }

    public static JsonObject Manifest(string botId, TeamsAppOptions options)
    {
        JsonArray CommandList() => [.. Commands.Select(c => new JsonObject { ["title"] = c.Title, ["description"] = c.Description })];
        return new JsonObject
        {
            ["$schema"] = $"https://developer.microsoft.com/en-us/json-schemas/teams/v{ManifestVersion}/MicrosoftTeams.schema.json",
            ["manifestVersion"] = ManifestVersion,
            ["version"] = options.Version,
            ["id"] = (options.AppId ?? botId).ToLowerInvariant(),
            ["developer"] = new JsonObject
            {
                ["name"] = options.DeveloperName,
                ["websiteUrl"] = options.WebsiteUrl,
                ["privacyUrl"] = options.PrivacyUrl ?? options.WebsiteUrl,
                ["termsOfUseUrl"] = options.TermsOfUseUrl ?? options.WebsiteUrl,
            },
            ["name"] = new JsonObject { ["short"] = options.ShortName, ["full"] = Limit(options.FullName, 100) },
            ["description"] = new JsonObject { ["short"] = Limit(options.ShortDescription, 80), ["full"] = Limit(options.FullDescription, 4000) },
            ["icons"] = new JsonObject { ["color"] = "color.png", ["outline"] = "outline.png" },
            ["accentColor"] = options.AccentColor.ToUpperInvariant(),
            ["bots"] = new JsonArray
            {
                new JsonObject
                {
                    ["botId"] = botId.ToLowerInvariant(),
                    ["scopes"] = new JsonArray("personal", "team", "groupChat"),
                    ["supportsFiles"] = false,
                    ["isNotificationOnly"] = false,
                    ["commandLists"] = new JsonArray
                    {
                        new JsonObject { ["scopes"] = new JsonArray("personal"), ["commands"] = CommandList() },
                        new JsonObject { ["scopes"] = new JsonArray("team", "groupChat"), ["commands"] = CommandList() },
                    },
                },
            },
            ["permissions"] = new JsonArray("identity", "messageTeamMembers"),
            ["validDomains"] = new JsonArray(),
        };
    }

    /// <summary>Writes the package to <paramref name="path"/> (replacing any file there).</summary>
    public static void Write(string path, string botId, TeamsAppOptions options)
    {
        var manifest = Manifest(botId, options).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var accent = options.AccentColor;
        var (r, g, b) = (Hex(accent, 1), Hex(accent, 3), Hex(accent, 5));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        Add(zip, "manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest));
        Add(zip, "color.png", TeamsIcons.Color(r, g, b));
        Add(zip, "outline.png", TeamsIcons.Outline());
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static byte Hex(string color, int at) => byte.Parse(color.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Limit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex Color();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex Version();
}
