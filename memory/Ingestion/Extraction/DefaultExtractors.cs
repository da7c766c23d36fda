namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>The extractors for every supported format, with their default limits.</summary>
public static class DefaultExtractors
{
    public static IReadOnlyList<ITextExtractor> Create() =>
    [
        new PlainTextExtractor(),
        new MarkdownExtractor(),
        new HtmlExtractor(),
        new PdfExtractor(),
        new DocxExtractor(),
    ];
}
