using System.Text;

namespace BriefingBot.Evaluation.Reporting;

/// <summary>A Markdown table built row by row.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public MarkdownTable Add(params object?[] cells)
    {
        _rows.Add(cells.Select(Format).ToArray());
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", headers)).AppendLine(" |");
        text.Append('|').Append(string.Join("|", headers.Select(_ => " --- "))).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").Append(string.Join(" | ", row)).AppendLine(" |");
        }

        return text.ToString();
    }

    private static string Format(object? cell) => cell switch
    {
        null => "–",
        double d when double.IsNaN(d) => "–",
        double d => d.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.ToString()!.Replace("|", "\\|", StringComparison.Ordinal),
    };
}
