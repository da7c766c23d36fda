using ScottPlot;

namespace BriefingBot.Evaluation.Reporting;

/// <summary>PNG charts for the docs (ScottPlot, rendered headless with Skia).</summary>
internal static class Charts
{
    private static readonly Color[] Palette =
    [
        Color.FromHex("#4C72B0"), Color.FromHex("#DD8452"), Color.FromHex("#55A868"),
        Color.FromHex("#C44E52"), Color.FromHex("#8172B3"), Color.FromHex("#937860"),
    ];

    /// <summary>Bars grouped by category, one colour per series.</summary>
    public static void GroupedBars(
        string path, string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<(string Name, double[] Values)> series)
    {
        var plot = new Plot();
        var width = 0.8 / series.Count;
        for (var s = 0; s < series.Count; s++)
        {
            var bars = new List<Bar>();
            for (var c = 0; c < categories.Count; c++)
            {
                var value = series[s].Values[c];
                bars.Add(new Bar
                {
                    Position = c + (s - (series.Count - 1) / 2.0) * width,
                    Value = double.IsNaN(value) ? 0 : value,
                    Size = width * 0.95,
                    FillColor = Palette[s % Palette.Length],
                    Label = double.IsNaN(value) ? "" : value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                });
            }

            var plottable = plot.Add.Bars(bars);
            plottable.ValueLabelStyle.FontSize = 11;
            plottable.LegendText = series[s].Name;
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(), categories.ToArray());
        plot.Axes.Margins(bottom: 0, top: 0.3);
        Finish(plot, path, title, "", yLabel, series.Count > 1);
    }

    /// <summary>Lines through points, one per series.</summary>
    public static void Lines(
        string path, string title, string xLabel, string yLabel, IReadOnlyList<(string Name, double[] X, double[] Y)> series,
        IReadOnlyList<(double Position, string Label)>? xTicks = null, Alignment legend = Alignment.UpperRight)
    {
        var plot = new Plot();
        for (var s = 0; s < series.Count; s++)
        {
            var line = plot.Add.Scatter(series[s].X, series[s].Y, Palette[s % Palette.Length]);
            line.LegendText = series[s].Name;
            line.MarkerSize = 4;
        }

        if (xTicks is not null)
        {
            plot.Axes.Bottom.SetTicks(xTicks.Select(t => t.Position).ToArray(), xTicks.Select(t => t.Label).ToArray());
        }

        Finish(plot, path, title, xLabel, yLabel, series.Count > 1, legend);
    }

    private static void Finish(Plot plot, string path, string title, string xLabel, string yLabel, bool legend, Alignment alignment = Alignment.UpperRight)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (legend)
        {
            plot.ShowLegend(alignment);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        plot.SavePng(path, 900, 500);
    }
}
