using System.Globalization;
using System.Text;

namespace BriefingBot.Evaluation.Reporting;

/// <summary>
/// Replaces one generated section of a Markdown page, between <c>&lt;!-- eval:NAME --&gt;</c> and
/// <c>&lt;!-- /eval:NAME --&gt;</c>, leaving the hand-written rest alone; appends the section when it is missing.
/// </summary>
internal static class DocsSection
{
    public static void Update(string path, string name, string title, string body, IReadOnlyList<string> arguments, string command)
    {
        var start = $"<!-- eval:{name} -->";
        var end = $"<!-- /eval:{name} -->";
        var section = new StringBuilder()
            .AppendLine(start)
            .AppendLine(CultureInfo.InvariantCulture, $"## {title}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {MachineInfo.Describe()}, by:")
            .AppendLine()
            .AppendLine("```")
            .AppendLine(CultureInfo.InvariantCulture, $"dotnet run -c Release --project tests/BriefingBot.Evaluation -- {command}{(arguments.Count > 0 ? " " : "")}{string.Join(' ', arguments.Where(a => a != "--write-docs"))}")
            .AppendLine("```")
            .AppendLine()
            .Append(body.TrimEnd())
            .AppendLine()
            .Append(end)
            .ToString();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var page = File.Exists(path) ? File.ReadAllText(path) : "";
        var from = page.IndexOf(start, StringComparison.Ordinal);
        var to = page.IndexOf(end, StringComparison.Ordinal);
        page = from >= 0 && to > from
            ? page[..from] + section + page[(to + end.Length)..]
            : page.TrimEnd() + (page.Length > 0 ? "\n\n" : "") + section + "\n";
        File.WriteAllText(path, page);
    }
}
