using BriefingBot.Memory.Ingestion.Extraction;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace BriefingBot.Memory.Tests.Extraction;

public sealed class PdfExtractorTests
{
    private static byte[] BuildReport()
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Annual Cyber Threat Report";
        builder.DocumentInformation.CreationDate = "D:20250304120000Z";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);

        var first = builder.AddPage(PageSize.A4);
        first.AddText("Annual Cyber Threat Report", 18, new PdfPoint(50, 780), font);
        first.AddText("Ransomware attacks on hospitals doubled last year, the agency", 11, new PdfPoint(50, 740), font);
        first.AddText("said, and most began with a stolen password. Improving secu-", 11, new PdfPoint(50, 726), font);
        first.AddText("rity training remains the cheapest defence.", 11, new PdfPoint(50, 712), font);

        var second = builder.AddPage(PageSize.A4);
        second.AddText("Phishing remains the most common way in.", 11, new PdfPoint(50, 780), font);

        return builder.Build();
    }

    private static ExtractedText Extract(byte[] bytes, PdfExtractor? extractor = null) =>
        (extractor ?? new PdfExtractor()).Extract(bytes, "report.pdf", TestContext.Current.CancellationToken);

    [Fact]
    public void Extract_TwoPageDocument_ReadsPagesAndTitle()
    {
        var result = Extract(BuildReport());

        Assert.Equal("Annual Cyber Threat Report", result.Title);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 12, 0, 0, TimeSpan.Zero), result.Published);
        Assert.Equal("application/pdf", result.ContentType);
        Assert.Contains(
            "Ransomware attacks on hospitals doubled last year, the agency said, and most began with a stolen password. "
            + "Improving security training remains the cheapest defence.",
            result.Text);
        Assert.EndsWith("\n\nPhishing remains the most common way in.", result.Text);
        Assert.True(result.Text.IndexOf("Ransomware", StringComparison.Ordinal) < result.Text.IndexOf("Phishing", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_TruncatedPdf_ThrowsNamingFile()
    {
        var bytes = BuildReport();

        var error = Assert.Throws<ExtractionException>(() => Extract(bytes[..(bytes.Length / 3)]));

        Assert.Contains("report.pdf", error.Message);
    }

    [Fact]
    public void Extract_GarbageBytes_ThrowsNamingFile()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);

        var error = Assert.Throws<ExtractionException>(() => Extract(bytes));

        Assert.Contains("report.pdf", error.Message);
        Assert.Contains("not a PDF", error.Message);
    }

    [Fact]
    public void Extract_HeaderThenGarbage_ThrowsNamingFile()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);

        var error = Assert.Throws<ExtractionException>(() => Extract(bytes));

        Assert.Contains("report.pdf", error.Message);
    }

    [Fact]
    public void Extract_MorePagesThanLimit_Refuses()
    {
        var error = Assert.Throws<ExtractionException>(() => Extract(BuildReport(), new PdfExtractor(maxPages: 1)));

        Assert.Contains("limit", error.Message);
    }

    [Fact]
    public void Extract_CancelledToken_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new PdfExtractor().Extract(BuildReport(), "report.pdf", cancellation.Token));
    }

    [Fact]
    public void JoinLines_HyphenatedAndWrappedLines_Rejoined()
    {
        var joined = PdfExtractor.JoinLines("The secu-\nrity of well-\nKnown systems\nmatters.\n\n• first\n• second");

        Assert.Equal("The security of well- Known systems matters.\n\n• first\n• second", joined);
    }

    [Theory]
    [InlineData("Microsoft Word - budget-2025.docx", null)]
    [InlineData("report_final.pdf", null)]
    [InlineData("Microsoft Word - Budget outlook for 2025", "Budget outlook for 2025")]
    [InlineData("  Budget outlook  ", "Budget outlook")]
    [InlineData("", null)]
    public void CleanTitle_ProducerOrFileNameTitles_Dropped(string raw, string? expected)
    {
        Assert.Equal(expected, PdfExtractor.CleanTitle(raw));
    }
}
