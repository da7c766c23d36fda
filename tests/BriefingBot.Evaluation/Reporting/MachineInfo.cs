using System.Runtime.InteropServices;

namespace BriefingBot.Evaluation.Reporting;

/// <summary>Which machine a figure came from: CPU model and cores (from /proc/cpuinfo), memory, OS, runtime, and its load when written.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = "unknown CPU";
        const string cpuInfo = "/proc/cpuinfo";
        if (File.Exists(cpuInfo))
        {
            var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                cpu = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var load = MachineLoad.OneMinute() is { } average
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"; load average {average:F1} when written (the machine is shared with other work)")
            : "";
        return $"{Environment.ProcessorCount} cores, {cpu}, {memory:F0} GB RAM, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}{load}";
    }
}
