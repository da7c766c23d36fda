using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>
/// Word documents (.docx) via the Open XML SDK: body paragraphs in order, each table row as one paragraph with its
/// cells joined by " | ", footnotes and endnotes appended. The zip is inspected first and refused when it would
/// inflate beyond the limit or holds an entry with an absurd compression ratio (a zip bomb).
/// </summary>
public sealed class DocxExtractor : ITextExtractor
{
    public const long DefaultMaxUncompressedBytes = 200L * 1024 * 1024;

    private const long SuspiciousEntryBytes = 10L * 1024 * 1024;
    private const double MaxCompressionRatio = 200;
    private const int MaxEntries = 10_000;

    public DocxExtractor(long maxUncompressedBytes = DefaultMaxUncompressedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUncompressedBytes, 1);
        MaxUncompressedBytes = maxUncompressedBytes;
    }

    public long MaxUncompressedBytes { get; }

    public IReadOnlyCollection<string> Extensions { get; } = [".docx"];

    public ExtractedText Extract(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        var bytes = content.ToArray();
        InspectZip(bytes, fileName);
        cancellationToken.ThrowIfCancellationRequested();

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var main = document.MainDocumentPart
                ?? throw new ExtractionException($"{fileName}: not a Word document (no main document part).");
            var body = main.Document?.Body
                ?? throw new ExtractionException($"{fileName}: not a Word document (no document body).");

            var titleStyles = TitleStyleIds(main);
            var paragraphs = new List<string>();
            string? styledTitle = null;
            var visited = 0;

            void Visit(OpenXmlElement element)
            {
                if (++visited % 500 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                switch (element)
                {
                    case Paragraph paragraph:
                        var text = ParagraphText(paragraph);
                        if (text.Length > 0)
                        {
                            paragraphs.Add(text);
                            var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
                            if (styledTitle is null && style is not null && titleStyles.Contains(style))
                            {
                                styledTitle = text;
                            }
                        }

                        break;
                    case Table table:
                        foreach (var row in table.Elements<TableRow>())
                        {
                            var cells = row.Elements<TableCell>()
                                .Select(cell => string.Join(" ", cell.Descendants<Paragraph>().Select(ParagraphText).Where(t => t.Length > 0)))
                                .Where(cell => cell.Length > 0)
                                .ToList();
                            if (cells.Count > 0)
                            {
                                paragraphs.Add(string.Join(" | ", cells));
                            }
                        }

                        break;
                    case SdtBlock or SdtContentBlock or CustomXmlBlock:
                        foreach (var child in element.ChildElements)
                        {
                            Visit(child);
                        }

                        break;
                }
            }

            foreach (var element in body.ChildElements)
            {
                Visit(element);
            }

            paragraphs.AddRange(NoteParagraphs(main.FootnotesPart?.Footnotes?.Elements<Footnote>().Where(note => IsOrdinaryNote(note.Type?.Value))));
            paragraphs.AddRange(NoteParagraphs(main.EndnotesPart?.Endnotes?.Elements<Endnote>().Where(note => IsOrdinaryNote(note.Type?.Value))));

            var coreTitle = document.PackageProperties.Title?.Trim();
            return new ExtractedText
            {
                Text = string.Join("\n\n", paragraphs),
                Title = string.IsNullOrEmpty(coreTitle) ? styledTitle : coreTitle,
                ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            };
        }
        catch (Exception e) when (e is not (ExtractionException or OperationCanceledException))
        {
            throw new ExtractionException($"{fileName}: corrupt or unreadable Word document ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Refuses archives that are not zips, inflate beyond the limit or compress suspiciously well. The declared sizes
    /// can be trusted: .NET's <see cref="ZipArchive"/>, which the Open XML SDK reads through, stops inflating an entry
    /// at its declared uncompressed size.
    /// </summary>
    private void InspectZip(byte[] bytes, string fileName)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                throw new ExtractionException($"{fileName}: refused, the archive holds {zip.Entries.Count:N0} entries (limit {MaxEntries:N0}).");
            }

            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxUncompressedBytes)
                {
                    throw new ExtractionException(
                        $"{fileName}: refused, the archive would inflate to over {MaxUncompressedBytes:N0} bytes (possible zip bomb).");
                }

                var ratio = (double)entry.Length / Math.Max(1, entry.CompressedLength);
                if (entry.Length > SuspiciousEntryBytes && ratio > MaxCompressionRatio)
                {
                    throw new ExtractionException(
                        $"{fileName}: refused, entry '{entry.FullName}' inflates {ratio:N0}:1 to {entry.Length:N0} bytes (possible zip bomb).");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new ExtractionException($"{fileName}: not a Word document (not a valid zip archive: {e.Message}).", e);
        }
    }

    private static bool IsOrdinaryNote(FootnoteEndnoteValues? type) =>
        type is null || type == FootnoteEndnoteValues.Normal;

    private static IEnumerable<string> NoteParagraphs(IEnumerable<OpenXmlCompositeElement>? notes)
    {
        foreach (var note in notes ?? [])
        {
            var text = string.Join(" ", note.Descendants<Paragraph>().Select(ParagraphText).Where(t => t.Length > 0));
            if (text.Length > 0)
            {
                yield return text;
            }
        }
    }

    /// <summary>Style ids whose style is the built-in Title or Heading 1 (ids are localised, names are not).</summary>
    private static HashSet<string> TitleStyleIds(MainDocumentPart main)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Title", "Heading1" };
        var styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [];
        foreach (var style in styles)
        {
            var name = style.StyleName?.Val?.Value;
            if (style.StyleId?.Value is { } id && name is not null
                && (name.Equals("Title", StringComparison.OrdinalIgnoreCase) || name.Equals("heading 1", StringComparison.OrdinalIgnoreCase)))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The visible text of a paragraph: text runs, tabs and breaks; deleted text and field codes are skipped.</summary>
    private static string ParagraphText(Paragraph paragraph)
    {
        var builder = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text text:
                    builder.Append(text.Text);
                    break;
                case TabChar or PositionalTab:
                    builder.Append(' ');
                    break;
                case Break or CarriageReturn:
                    builder.Append('\n');
                    break;
                case NoBreakHyphen:
                    builder.Append('-');
                    break;
            }
        }

        var lines = builder.ToString().Split('\n').Select(line => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        return string.Join("\n", lines.Where(line => line.Length > 0));
    }
}
