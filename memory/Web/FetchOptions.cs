namespace BriefingBot.Memory.Web;

/// <summary>The <c>Feeds</c> settings that govern every fetch of a page or a feed from the web.</summary>
public sealed class FetchOptions
{
    public const string SectionName = "Feeds";

    /// <summary>
    /// Whether addresses that resolve to loopback, private, link-local or other non-public networks may be fetched.
    /// Off by default, so a URL given by a user cannot reach the bot's own network (a request forgery).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The largest response body, in bytes, after decompression.</summary>
    public long MaxBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>The longest a fetch may take, redirects included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most redirects followed.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>The user agent sent, and the one <c>robots.txt</c> rules are read for (its first word).</summary>
    public string UserAgent { get; set; } = "BriefingBot/1.0 (+https://github.com/briefingbot; news briefing assistant)";

    /// <summary>Whether <c>robots.txt</c> is honoured.</summary>
    public bool HonourRobotsTxt { get; set; } = true;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            problems.Add("Feeds:MaxBytes must be between 1024 and 1073741824 bytes.");
        }

        if (Timeout < TimeSpan.FromSeconds(1) || Timeout > TimeSpan.FromMinutes(10))
        {
            problems.Add("Feeds:Timeout must be between 00:00:01 and 00:10:00.");
        }

        if (MaxRedirects is < 0 or > 20)
        {
            problems.Add("Feeds:MaxRedirects must be between 0 and 20.");
        }

        if (string.IsNullOrWhiteSpace(UserAgent) || UserAgent.Any(char.IsControl))
        {
            problems.Add("Feeds:UserAgent must be a non-empty line of text.");
        }

        return problems;
    }
}
