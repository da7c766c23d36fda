namespace BriefingBot.Bot.Turns;

/// <summary>How the bot converses (section <c>Bot:Turns</c>).</summary>
public sealed class TurnOptions
{
    /// <summary>Shortest time between two streaming updates in Teams. Default 1 s.</summary>
    public TimeSpan StreamInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the typing indicator is repeated while an answer is prepared. Default 3 s.</summary>
    public TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The informative update shown first in a Teams stream.</summary>
    public string SearchingText { get; set; } = "Searching the briefings…";

    /// <summary>Streams answers in Teams personal chats. Default true.</summary>
    public bool Streaming { get; set; } = true;
}
