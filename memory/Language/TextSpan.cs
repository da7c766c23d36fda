namespace BriefingBot.Memory.Language;

/// <summary>A half-open character range [Start, End) of a document's normalised text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public string Of(string text) => text[Start..End];
}
