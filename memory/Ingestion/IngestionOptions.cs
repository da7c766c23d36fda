using BriefingBot.Memory.Ingestion.Extraction;

namespace BriefingBot.Memory.Ingestion;

/// <summary>Limits that keep one hostile or pathological file from harming an ingestion (section <c>Memory:Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    /// <summary>Seconds one file's text extraction may take before it fails alone; 0 disables the limit. Default 60.</summary>
    public double ExtractionTimeoutSeconds { get; set; } = 60;

    /// <summary>The most pages a PDF may have. Default 2,000.</summary>
    public int MaxPdfPages { get; set; } = PdfExtractor.DefaultMaxPages;

    /// <summary>The most elements an HTML page may parse into. Default 200,000.</summary>
    public int MaxHtmlElements { get; set; } = HtmlExtractor.DefaultMaxElements;

    /// <summary>The largest HTML page accepted, in bytes. Default 10 MB.</summary>
    public long MaxHtmlBytes { get; set; } = HtmlExtractor.DefaultMaxBytes;

    /// <summary>The most a Word document's zip may inflate to, in bytes. Default 200 MB.</summary>
    public long MaxDocxUncompressedBytes { get; set; } = DocxExtractor.DefaultMaxUncompressedBytes;

    internal TimeSpan? ExtractionTimeout => ExtractionTimeoutSeconds > 0 ? TimeSpan.FromSeconds(ExtractionTimeoutSeconds) : null;
}
