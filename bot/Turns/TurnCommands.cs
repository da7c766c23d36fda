namespace BriefingBot.Bot.Turns;

/// <summary>The commands a user can type instead of a question.</summary>
public static class TurnCommands
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
}
