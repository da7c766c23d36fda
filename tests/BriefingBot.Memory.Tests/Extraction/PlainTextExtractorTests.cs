using System.Text;
using BriefingBot.Memory.Ingestion.Extraction;

namespace BriefingBot.Memory.Tests.Extraction;

public sealed class PlainTextExtractorTests
{
    [Fact]
    public void Extract_HeadlineAboveBody_TakesTitle()
    {
        var bytes = Encoding.UTF8.GetBytes("Talks set for January\n\nDiplomats will meet in Geneva.\n");

        var result = new PlainTextExtractor().Extract(bytes, "a.txt", TestContext.Current.CancellationToken);

        Assert.Equal("Talks set for January", result.Title);
        Assert.Contains("Diplomats will meet in Geneva.", result.Text);
    }

    [Fact]
    public void Extract_NulBytes_FailsClearly()
    {
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x12 };

        var error = Assert.Throws<ExtractionException>(() => new PlainTextExtractor().Extract(bytes, "bad.txt", TestContext.Current.CancellationToken));

        Assert.Contains("bad.txt", error.Message);
    }

    [Fact]
    public void Extract_UnknownExtension_NamesSupportedFormats()
    {
        var extraction = new TextExtraction([new PlainTextExtractor()], 1024);

        var error = Assert.Throws<ExtractionException>(() => extraction.Extract(new byte[] { 1 }, "x.xyz", TestContext.Current.CancellationToken));

        Assert.Contains(".txt", error.Message);
    }
}
