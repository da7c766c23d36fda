namespace BriefingBot.Bot.Turns;

/// <summary>Text quoted inside a Markdown reply, with the characters Markdown (and the HTML it allows) would interpret escaped.</summary>
public static class MarkdownText
{
    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("*", "\\*", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal)
        .Replace("[", "\\[", StringComparison.Ordinal)
        .Replace("]", "\\]", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
