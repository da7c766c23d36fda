namespace BriefingBot.Bot.Teams;

/// <summary>What the Teams app package says about the app (section <c>Bot:Teams</c>).</summary>
public sealed class TeamsAppOptions
{
    public const string SectionName = "Bot:Teams";

    /// <summary>The Teams app id (a GUID); default the bot's app id.</summary>
    public string? AppId { get; set; }

    public string Version { get; set; } = "1.0.0";

    public string ShortName { get; set; } = "BriefingBot";

    public string FullName { get; set; } = "BriefingBot — answers from your briefings";

    public string ShortDescription { get; set; } = "Answers questions from briefing articles, citing each passage.";

    public string FullDescription { get; set; } =
        "BriefingBot answers questions from the briefing articles it holds. Every answer quotes the passages it comes from and numbers each citation, so you can check it at the source. Type help to see the commands.";

    public string DeveloperName { get; set; } = "BriefingBot";

    /// <summary>Required by Teams: an https address about the app.</summary>
    public string? WebsiteUrl { get; set; }

    /// <summary>Default <see cref="WebsiteUrl"/>.</summary>
    public string? PrivacyUrl { get; set; }

    /// <summary>Default <see cref="WebsiteUrl"/>.</summary>
    public string? TermsOfUseUrl { get; set; }

    /// <summary>Background of the colour icon, <c>#RRGGBB</c>.</summary>
    public string AccentColor { get; set; } = "#1F4E79";
}
