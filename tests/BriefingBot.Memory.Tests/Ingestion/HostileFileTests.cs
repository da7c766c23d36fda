using System.Diagnostics;
using System.Text;
using BriefingBot.Memory.Ingestion;
using BriefingBot.Memory.Ingestion.Extraction;
using BriefingBot.Memory.Storage;
using BriefingBot.Memory.Tests.Support;

namespace BriefingBot.Memory.Tests.Ingestion;

/// <summary>
/// Hostile files generated here, each ingested in a batch beside ordinary ones: the hostile file fails alone with a
/// message naming it and the limit, and the ordinary files are stored.
/// </summary>
public sealed class HostileFileTests
{
    private const string GoodText = "The ministers agreed on a ceasefire along the river. Monitors will report weekly to the council.";

    [Fact]
    public async Task Ingest_HtmlWithTooManyElements_FailsAloneNamingLimit()
    {
        var html = new StringBuilder("<html><body><article>");
        for (var i = 0; i < 110_000; i++)
        {
            html.Append("<p><b>x</b></p>");
        }

        html.Append("</article></body></html>");

        var results = await IngestBatchAsync(("flood.html", Encoding.UTF8.GetBytes(html.ToString())));

        AssertFailedAlone(results, "flood.html", "over 200,000 elements", "Memory:Ingestion:MaxHtmlElements");
    }

    [Fact]
    public async Task Ingest_DeeplyNestedHtml_FailsAloneAtTimeLimit()
    {
        var watch = Stopwatch.StartNew();
        var results = await IngestBatchAsync(("nested.html", DeeplyNestedHtml()), options => options.Ingestion.ExtractionTimeoutSeconds = 2);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        AssertFailedAlone(results, "nested.html", "longer than the limit of 2 s", "Memory:Ingestion:ExtractionTimeoutSeconds");
    }

    [Fact]
    public async Task ExtractAsync_CallerCancels_ThrowsCancellationNotTimeout()
    {
        var extraction = new TextExtraction(DefaultExtractors.Create(), 10 * 1024 * 1024, TimeSpan.FromSeconds(60));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extraction.ExtractAsync(DeeplyNestedHtml(), "nested.html", cancellation.Token));
    }

    [Fact]
    public async Task Ingest_HtmlOverSizeLimit_FailsAloneNamingLimit()
    {
        var html = "<html><body><p>" + new string('a', 300_000) + "</p></body></html>";

        var results = await IngestBatchAsync(
            ("huge.html", Encoding.UTF8.GetBytes(html)),
            options => options.Ingestion.MaxHtmlBytes = 100_000);

        AssertFailedAlone(results, "huge.html", "over the limit of 100,000", "Memory:Ingestion:MaxHtmlBytes");
    }

    [Fact]
    public async Task Ingest_PdfWithTooManyPages_FailsAloneNamingLimit()
    {
        var results = await IngestBatchAsync(("pages.pdf", PdfWithPages(20_000)));

        AssertFailedAlone(results, "pages.pdf", "20,000 pages", "limit of 2,000", "Memory:Ingestion:MaxPdfPages");
    }

    [Fact]
    public async Task Ingest_DocxZipBomb_FailsAloneAsZipBomb()
    {
        var results = await IngestBatchAsync(("bomb.docx", ZipBombs.Docx()));

        AssertFailedAlone(results, "bomb.docx", "zip bomb", "word/document.xml");
    }

    private static async Task<List<IngestResult>> IngestBatchAsync((string Name, byte[] Bytes) hostile, Action<MemoryOptions>? configure = null)
    {
        using var test = await TestMemory.CreateAsync(configure);
        return await IngestAsync(test.Memory, hostile);
    }

    private static async Task<List<IngestResult>> IngestAsync(BriefingMemory memory, (string Name, byte[] Bytes) hostile)
    {
        var requests = new[]
        {
            new IngestRequest { FileName = "before.txt", DocumentId = "before", Content = Encoding.UTF8.GetBytes("Before\n\n" + GoodText) },
            new IngestRequest { FileName = hostile.Name, DocumentId = "hostile", Content = hostile.Bytes },
            new IngestRequest { FileName = "after.md", DocumentId = "after", Content = Encoding.UTF8.GetBytes("# After\n\n" + GoodText) },
        };
        var results = new List<IngestResult>();
        await foreach (var result in memory.IngestAsync(requests.ToAsyncEnumerable(), TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        var stored = await memory.ListAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(stored, d => d.Id == "before");
        Assert.Contains(stored, d => d.Id == "after");
        return results;
    }

    private static void AssertFailedAlone(List<IngestResult> results, string fileName, params string[] expected) =>
        AssertFailedAloneCore(results, fileName, expected);

    private static void AssertFailedAloneCore(List<IngestResult> results, string fileName, string[] expected)
    {
        Assert.Equal(3, results.Count);
        var failed = Assert.Single(results, r => r.Outcome == IngestOutcome.Failed);
        Assert.Equal("hostile", failed.DocumentId);
        Assert.StartsWith(fileName + ":", failed.Error);
        foreach (var text in expected)
        {
            Assert.Contains(text, failed.Error);
        }

        Assert.Equal(2, results.Count(r => r.Outcome == IngestOutcome.Created));
    }

    /// <summary>A well-formed PDF of <paramref name="pages"/> pages sharing one content stream and font.</summary>
    private static byte[] PdfWithPages(int pages)
    {
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{i + 5} 0 R"))}] /Count {pages} >>",
            "<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 712 Td (Hello there) Tj ET\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        objects.AddRange(Enumerable.Repeat("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>", pages));
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A page nested 100,000 elements deep: parsing it takes minutes.</summary>
    private static byte[] DeeplyNestedHtml()
    {
        const int depth = 100_000;
        var html = new StringBuilder("<html><body>");
        html.Insert(html.Length, "<div>", depth);
        html.Append("<p>The nested council approved the budget for the harbour.</p>");
        html.Insert(html.Length, "</div>", depth);
        html.Append("</body></html>");
        return Encoding.UTF8.GetBytes(html.ToString());
    }
}
