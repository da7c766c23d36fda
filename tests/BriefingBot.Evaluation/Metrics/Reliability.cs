using System.Globalization;
using BriefingBot.Evaluation.Reporting;

namespace BriefingBot.Evaluation.Metrics;

/// <summary>
/// How well stated confidences match how often the answers are right: ten equal-width bins of confidence, each with
/// its count, mean confidence and share right, and the expected calibration error (the count-weighted mean gap).
/// </summary>
internal static class Reliability
{
    private const int Bins = 10;

    public static double ExpectedCalibrationError(IReadOnlyList<(double Confidence, bool Right)> answers) =>
        answers.Count == 0 ? double.NaN : Binned(answers).Sum(b => b.Count * Math.Abs(b.Right - b.Confidence)) / answers.Count;

    /// <summary>One table, a row per non-empty bin and set.</summary>
    public static MarkdownTable Table(IEnumerable<(string Set, IReadOnlyList<(double Confidence, bool Right)> Answers)> sets)
    {
        var table = new MarkdownTable("Set", "Confidence bin", "Answers", "Mean confidence", "Share right");
        foreach (var (set, answers) in sets)
        {
            foreach (var bin in Binned(answers))
            {
                table.Add(set, bin.Range, bin.Count.ToString(CultureInfo.InvariantCulture), bin.Confidence, bin.Right);
            }
        }

        return table;
    }

    private static IEnumerable<(string Range, int Count, double Confidence, double Right)> Binned(IReadOnlyList<(double Confidence, bool Right)> answers) =>
        answers
            .GroupBy(a => Math.Min(Bins - 1, (int)(a.Confidence * Bins)))
            .OrderBy(g => g.Key)
            .Select(g => (
                string.Create(CultureInfo.InvariantCulture, $"{g.Key / (double)Bins:0.0}–{(g.Key + 1) / (double)Bins:0.0}"),
                g.Count(),
                g.Average(a => a.Confidence),
                g.Average(a => a.Right ? 1.0 : 0.0)));
}
