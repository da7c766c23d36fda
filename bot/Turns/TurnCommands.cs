using System.Text.RegularExpressions;

namespace BriefingBot.Bot.Turns;

/// <summary>The commands a user can type instead of a question.</summary>
public static partial class TurnCommands
{
    public const string Help = "help";
    public const string Sources = "sources";
    public const string Reset = "reset";

    /// <summary>The command <paramref name="text"/> names (<c>help</c>, <c>/help</c>, <c>Help!</c>…), or null for a question.</summary>
    public static string? Parse(string text)
    {
        var word = text.Trim().TrimStart('/').TrimEnd('.', '!', '?', ' ').ToLowerInvariant();
        return word switch
        {
            "help" or "?" or "" => Help,
            "sources" or "source" => Sources,
            "reset" or "start over" or "forget" => Reset,
            _ => null,
        };
    }

    /// <summary>
    /// Recognises a briefing request: "brief the Geneva talks", "/brief sanctions", "brief me on the talks",
    /// "brief me about Nato". Returns the topic, or null when the text is not one.
    /// </summary>
    public static string? BriefingTopic(string text)
    {
        var match = BriefingRequest().Match(text.Trim());
        return match.Success ? match.Groups["topic"].Value.Trim().TrimEnd('.', '!', '?') : null;
    }

    [GeneratedRegex(@"^/?brief(?:\s+me)?(?:\s+(?:on|about))?\s+(?<topic>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex BriefingRequest();
}
