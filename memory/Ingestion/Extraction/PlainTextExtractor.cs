namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>Plain text. A short first line standing alone above the body is taken as the title.</summary>
public sealed class PlainTextExtractor : ITextExtractor
{
    public IReadOnlyCollection<string> Extensions { get; } = [".txt", ".text"];

    public ExtractedText Extract(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        var text = TextDecoding.Decode(content.Span, fileName);
        return new ExtractedText { Text = text, Title = GuessTitle(text), ContentType = "text/plain" };
    }

    internal static string? GuessTitle(string text)
    {
        var trimmed = text.TrimStart();
        var lineEnd = trimmed.IndexOf('\n');
        if (lineEnd <= 0)
        {
            return null;
        }

        var first = trimmed[..lineEnd].Trim();
        var standsAlone = trimmed.AsSpan(lineEnd + 1).TrimStart(' ').StartsWith("\n") || trimmed.AsSpan(lineEnd + 1).TrimStart(' ').StartsWith("\r\n");
        return standsAlone && first.Length is > 0 and <= 200 && !first.EndsWith('.') ? first : null;
    }
}
