namespace BriefingBot.Bot.Turns;

/// <summary>A step of an answer being produced: a piece of text, or the finished answer.</summary>
public sealed record AnswerUpdate
{
    /// <summary>Text to append to what came before (separators included).</summary>
    public string? Delta { get; init; }

    public BotAnswer? Completed { get; init; }

    public static AnswerUpdate Piece(string delta) => new() { Delta = delta };

    public static AnswerUpdate Done(BotAnswer answer) => new() { Completed = answer };
}
