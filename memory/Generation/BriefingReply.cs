using System.Globalization;
using System.Text.RegularExpressions;

namespace BriefingBot.Memory.Generation;

/// <summary>
/// The sections of a <c>BriefingProse</c> reply: the rewritten key points by their number (1-based), and the items to
/// watch in order. Headings may carry Markdown (<c>## Key points</c>, <c>**What to watch:**</c>); items may be
/// numbered or bulleted, and a line that is neither continues the item before it.
/// </summary>
public sealed partial record BriefingReply(IReadOnlyDictionary<int, string> KeyPoints, IReadOnlyList<string> Watch)
{
    public static BriefingReply Parse(string reply)
    {
        var keyPoints = new Dictionary<int, string>();
        var watch = new List<string>();
        var section = Section.KeyPoints;
        int? point = null;
        var inWatchItem = false;
        foreach (var raw in reply.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (Heading(line) is { } heading)
            {
                section = heading;
                point = null;
                inWatchItem = false;
                continue;
            }

            var numbered = Numbered().Match(line);
            var bulleted = Bulleted().Match(line);
            if (section == Section.KeyPoints)
            {
                if (numbered.Success)
                {
                    point = int.Parse(numbered.Groups[1].Value, CultureInfo.InvariantCulture);
                    keyPoints[point.Value] = numbered.Groups[2].Value.Trim();
                }
                else if (bulleted.Success)
                {
                    point = keyPoints.Count == 0 ? 1 : keyPoints.Keys.Max() + 1;
                    keyPoints[point.Value] = bulleted.Groups[1].Value.Trim();
                }
                else if (point is { } current)
                {
                    keyPoints[current] += " " + line;
                }

                continue;
            }

            if (numbered.Success || bulleted.Success)
            {
                watch.Add((numbered.Success ? numbered.Groups[2].Value : bulleted.Groups[1].Value).Trim());
                inWatchItem = true;
            }
            else if (inWatchItem)
            {
                watch[^1] += " " + line;
            }
            else
            {
                watch.Add(line);
                inWatchItem = true;
            }
        }

        return new BriefingReply(
            keyPoints.Where(k => k.Value.Length > 0).ToDictionary(k => k.Key, k => k.Value),
            watch.Where(w => w.Length > 0).ToList());
    }

    private static Section? Heading(string line)
    {
        var bare = HeadingMarks().Replace(line, "").TrimEnd(':', ' ').ToLowerInvariant();
        if (bare.Length > 40 || Numbered().IsMatch(line) || Bulleted().IsMatch(line.TrimStart('*')))
        {
            return null;
        }

        return bare.StartsWith("key point", StringComparison.Ordinal) ? Section.KeyPoints
            : bare.EndsWith("watch", StringComparison.Ordinal) || bare.StartsWith("open question", StringComparison.Ordinal) ? Section.Watch
            : null;
    }

    [GeneratedRegex(@"^(?:[-*•]\s*)?(?:\*\*)?(\d{1,2})[.):](?:\*\*)?\s+(.*)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^[-*•]\s+(.*)$")]
    private static partial Regex Bulleted();

    [GeneratedRegex(@"[#*_]")]
    private static partial Regex HeadingMarks();

    private enum Section
    {
        KeyPoints,
        Watch,
    }
}
