using System.IO.Compression;
using BriefingBot.Memory.Ingestion.Extraction;
using BriefingBot.Memory.Tests.Support;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace BriefingBot.Memory.Tests.Extraction;

public sealed class DocxExtractorTests
{
    private static Paragraph Styled(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), new Run(new Text(text)));

    private static Paragraph Plain(params OpenXmlElement[] runs) => new(runs);

    private static TableCell Cell(string text) => new(new Paragraph(new Run(new Text(text))));

    private static byte[] BuildBriefing(string? coreTitle)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            if (coreTitle is not null)
            {
                document.PackageProperties.Title = coreTitle;
            }

            var main = document.AddMainDocumentPart();
            var footnotes = main.AddNewPart<FootnotesPart>();
            footnotes.Footnotes = new Footnotes(
                new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
                new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 },
                new Footnote(new Paragraph(new Run(new FootnoteReferenceMark()), new Run(new Text(" Figures from the 2024 survey.") { Space = SpaceProcessingModeValues.Preserve }))) { Id = 1 });

            main.Document = new Document(new Body(
                Styled("Title", "Water Supply Briefing"),
                Styled("Heading1", "Summary"),
                Plain(
                    new Run(new Text("Reservoir levels fell to ") { Space = SpaceProcessingModeValues.Preserve }),
                    new Run(new RunProperties(new Bold()), new Text("41 percent")),
                    new Run(new Text(" in August.") { Space = SpaceProcessingModeValues.Preserve }),
                    new Run(new FootnoteReference { Id = 1 })),
                Styled("Heading2", "Regional levels"),
                new Table(
                    new TableRow(Cell("Region"), Cell("Level")),
                    new TableRow(Cell("North"), Cell("38%")),
                    new TableRow(Cell("South"), Cell("47%"))),
                Plain(new Run(new Text("Rationing is"), new TabChar(), new Text("not yet planned.")))));
        }

        return stream.ToArray();
    }

    private static ExtractedText Extract(byte[] bytes, DocxExtractor? extractor = null) =>
        (extractor ?? new DocxExtractor()).Extract(bytes, "briefing.docx", TestContext.Current.CancellationToken);

    [Fact]
    public void Extract_Document_ReadsParagraphsTablesAndFootnotes()
    {
        var result = Extract(BuildBriefing(coreTitle: "Q3 Water Briefing"));

        Assert.Equal(
            [
                "Water Supply Briefing",
                "Summary",
                "Reservoir levels fell to 41 percent in August.",
                "Regional levels",
                "Region | Level",
                "North | 38%",
                "South | 47%",
                "Rationing is not yet planned.",
                "Figures from the 2024 survey.",
            ],
            result.Text.Split("\n\n"));
        Assert.Equal("Q3 Water Briefing", result.Title);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", result.ContentType);
    }

    [Fact]
    public void Extract_NoCoreTitle_TakesTitleStyledParagraph()
    {
        var result = Extract(BuildBriefing(coreTitle: null));

        Assert.Equal("Water Supply Briefing", result.Title);
    }

    [Fact]
    public void Extract_HighlyCompressibleEntry_RefusedAsZipBomb()
    {
        var error = Assert.Throws<ExtractionException>(() => Extract(ZipBombs.Docx()));

        Assert.Contains("briefing.docx", error.Message);
        Assert.Contains("zip bomb", error.Message);
        Assert.Contains("word/document.xml", error.Message);
    }

    [Fact]
    public void Extract_OverUncompressedLimit_Refused()
    {
        var bytes = BuildBriefing(coreTitle: null);

        var error = Assert.Throws<ExtractionException>(() => Extract(bytes, new DocxExtractor(maxUncompressedBytes: 1024)));

        Assert.Contains("over 1,024 bytes", error.Message);
    }

    [Fact]
    public void Extract_RandomBytes_ThrowsNamingFile()
    {
        var bytes = new byte[2048];
        new Random(1).NextBytes(bytes);

        var error = Assert.Throws<ExtractionException>(() => Extract(bytes));

        Assert.Contains("briefing.docx", error.Message);
    }

    [Fact]
    public void Extract_ZipWithoutWordParts_ThrowsNamingFile()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            writer.Write("just a zip");
        }

        var error = Assert.Throws<ExtractionException>(() => Extract(stream.ToArray()));

        Assert.Contains("briefing.docx", error.Message);
    }
}
