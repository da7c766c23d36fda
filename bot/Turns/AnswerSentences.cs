using System.Text.RegularExpressions;

namespace BriefingBot.Bot.Turns;

/// <summary>Splits an answer's text into sentences, each keeping the <c>[n]</c> markers that follow it.</summary>
public static partial class AnswerSentences
{
    public static IReadOnlyList<string> Split(string text) =>
        Boundary().Split(text.Trim()).Where(s => s.Length > 0).ToList();

    [GeneratedRegex(@"(?<=[.!?…][""'”’)]*(?:\s*\[\d+\])*)\s+(?!\[\d+\])")]
    private static partial Regex Boundary();
}
