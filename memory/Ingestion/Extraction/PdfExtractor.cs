using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace BriefingBot.Memory.Ingestion.Extraction;

/// <summary>
/// PDF documents via PdfPig: page text in content order, pages separated by blank lines, words hyphenated across a
/// line break rejoined and the lines of a paragraph joined. Title and creation date come from the information dictionary.
/// </summary>
public sealed partial class PdfExtractor : ITextExtractor
{
    public const int DefaultMaxPages = 2000;

    private static readonly ContentOrderTextExtractor.Options LayoutOptions = new()
    {
        SeparateParagraphsWithDoubleNewline = true,
        ReplaceWhitespaceWithSpace = true,
    };

    public PdfExtractor(int maxPages = DefaultMaxPages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        MaxPages = maxPages;
    }

    public int MaxPages { get; }

    public IReadOnlyCollection<string> Extensions { get; } = [".pdf"];

    public ExtractedText Extract(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        if (content.Span[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) < 0)
        {
            throw new ExtractionException($"{fileName}: not a PDF (no %PDF- header).");
        }

        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (document.NumberOfPages > MaxPages)
            {
                throw new ExtractionException($"{fileName}: {document.NumberOfPages:N0} pages is over the limit of {MaxPages:N0} (Memory:Ingestion:MaxPdfPages).");
            }

            var pages = new List<string>();
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = document.GetPage(number);
                var text = JoinLines(ContentOrderTextExtractor.GetText(page, LayoutOptions));
                if (text.Length > 0)
                {
                    pages.Add(text);
                }
            }

            if (pages.Count == 0)
            {
                throw new ExtractionException($"{fileName}: the PDF has no extractable text (scanned images need OCR).");
            }

            return new ExtractedText
            {
                Text = string.Join("\n\n", pages),
                Title = CleanTitle(document.Information.Title),
                Published = document.Information.GetCreatedDateTimeOffset(),
                ContentType = "application/pdf",
            };
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new ExtractionException($"{fileName}: the PDF is encrypted and cannot be read without its password.", e);
        }
        catch (Exception e) when (e is not (ExtractionException or OperationCanceledException))
        {
            throw new ExtractionException($"{fileName}: corrupt or unreadable PDF ({e.Message}).", e);
        }
    }

    /// <summary>The information-dictionary title, without the "Microsoft Word - file.docx" kind that names only a file.</summary>
    internal static string? CleanTitle(string? title)
    {
        title = title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            return null;
        }

        title = ProducerPrefix().Replace(title, "").Trim();
        return title.Length == 0 || FileNameTitle().IsMatch(title) ? null : title;
    }

    /// <summary>
    /// Rebuilds paragraphs from layout lines: a hyphen ending a line before a lower-case word is dropped and the
    /// halves joined; other lines of a paragraph are joined with a space; list items keep their own line.
    /// </summary>
    internal static string JoinLines(string pageText)
    {
        var paragraphs = new List<string>();
        foreach (var block in BlankLines().Split(pageText.Replace("\r\n", "\n").Replace('\r', '\n')))
        {
            var builder = new StringBuilder();
            foreach (var rawLine in block.Split('\n'))
            {
                var line = Spaces().Replace(rawLine, " ").Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                if (builder.Length == 0)
                {
                    builder.Append(line);
                }
                else if (ListItem().IsMatch(line))
                {
                    builder.Append('\n').Append(line);
                }
                else if (builder.Length >= 2 && builder[^1] == '-' && char.IsLetter(builder[^2]) && char.IsLower(line[0]))
                {
                    builder.Length--;
                    builder.Append(line);
                }
                else
                {
                    builder.Append(' ').Append(line);
                }
            }

            if (builder.Length > 0)
            {
                paragraphs.Add(builder.ToString());
            }
        }

        return string.Join("\n\n", paragraphs);
    }

    [GeneratedRegex(@"^Microsoft (Word|PowerPoint|Excel) - ", RegexOptions.IgnoreCase)]
    private static partial Regex ProducerPrefix();

    [GeneratedRegex(@"^[^\s]+\.(docx?|pdf|odt|rtf|txt|pptx?|xlsx?|indd|tex)$", RegexOptions.IgnoreCase)]
    private static partial Regex FileNameTitle();

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^([•●▪◦‣\-–*]|\d{1,3}[.)])\s")]
    private static partial Regex ListItem();
}
