using System.Globalization;

namespace BriefingBot.Evaluation.Reporting;

/// <summary>The machine's load average (from /proc/loadavg), sampled around a measurement.</summary>
internal static class MachineLoad
{
    public static double? OneMinute()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
        {
            return null;
        }

        var first = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
    }

    /// <summary>"load average 1.7 before, 2.3 after (2 cores, shared with other work)".</summary>
    public static string Describe(double? before, double? after) =>
        before is null || after is null
            ? "load average unknown"
            : string.Create(CultureInfo.InvariantCulture,
                $"load average {before:F1} before and {after:F1} after, on {Environment.ProcessorCount} cores shared with other work");
}
