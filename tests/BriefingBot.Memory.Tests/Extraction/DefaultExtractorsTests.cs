using BriefingBot.Memory.Ingestion.Extraction;

namespace BriefingBot.Memory.Tests.Extraction;

public sealed class DefaultExtractorsTests
{
    [Fact]
    public void Create_AllFormats_EachExtensionHandledOnce()
    {
        var extractors = DefaultExtractors.Create();

        var extensions = extractors.SelectMany(extractor => extractor.Extensions).ToList();
        Assert.Equal(extensions.Count, extensions.Distinct().Count());
        Assert.Equal(
            [".docx", ".htm", ".html", ".markdown", ".md", ".pdf", ".text", ".txt"],
            extensions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Create_UsedByTextExtraction_RoutesByExtension()
    {
        var extraction = new TextExtraction(DefaultExtractors.Create(), 1024 * 1024);

        var result = extraction.Extract("<html><body><article><p>Hello there.</p></article></body></html>"u8.ToArray(), "page.HTM", TestContext.Current.CancellationToken);

        Assert.Equal("text/html", result.ContentType);
        Assert.Equal("Hello there.", result.Text);
    }
}
