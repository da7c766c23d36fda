namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>The extractors for every supported format, with their default limits or the configured ones.</summary>
public static class DefaultExtractors
{
    public static IReadOnlyList<ITextExtractor> Create() => Create(new IngestionOptions());

    public static IReadOnlyList<ITextExtractor> Create(IngestionOptions limits) =>
    [
        new PlainTextExtractor(),
        new MarkdownExtractor(),
        new HtmlExtractor(limits.MaxHtmlBytes, limits.MaxHtmlElements),
        new PdfExtractor(limits.MaxPdfPages),
        new DocxExtractor(limits.MaxDocxUncompressedBytes),
    ];
}
