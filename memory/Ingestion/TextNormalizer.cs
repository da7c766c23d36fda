using System.Text;

namespace BriefingBot.Memory.Ingestion;

/// <summary>
/// The one canonical form of a document's text, against which every chunk range and citation offset is measured:
/// Unicode NFC, <c>\n</c> line ends, no invisible characters, single spaces, paragraphs separated by one blank line.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        var source = text.Normalize(NormalizationForm.FormC);
        var output = new StringBuilder(source.Length);
        var blankLines = 0;
        foreach (var rawLine in source.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = CollapseSpaces(rawLine);
            if (line.Length == 0)
            {
                blankLines++;
                continue;
            }

            if (output.Length > 0)
            {
                output.Append(blankLines > 0 ? "\n\n" : "\n");
            }

            output.Append(line);
            blankLines = 0;
        }

        return output.ToString();
    }

    private static string CollapseSpaces(string line)
    {
        var builder = new StringBuilder(line.Length);
        var pendingSpace = false;
        foreach (var c in line)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
