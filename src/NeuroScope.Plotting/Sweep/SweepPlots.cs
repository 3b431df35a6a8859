using NeuroScope.Experiments;
using NeuroScope.Plotting.Style;
using ScottPlot;

namespace NeuroScope.Plotting.Sweep;

/// <summary>The comparison picture of a sweep: one metric per step for every run, each in its own colour with its reference levels dashed.</summary>
public static class SweepPlots
{
    /// <summary>
    /// Draws <paramref name="metric"/> of every run in <paramref name="series"/> into <paramref name="path"/> (PNG). A
    /// positive metric whose largest value is more than 50 times its smallest (a loss) is drawn on a log axis.
    /// </summary>
    /// <returns>The path written.</returns>
    public static string Compare(string path, string title, string metric, IReadOnlyList<SweepSeries> series)
    {
        var drawn = series.Where(s => s.Values.Length > 0).ToList();
        var all = drawn.SelectMany(s => s.Values).ToList();
        bool log = all.Count > 0 && all.Min() > 0 && all.Max() / all.Min() > 50;
        var plot = Charts.New(title, "step", log ? $"{metric} (log scale)" : metric);
        if (log)
            Charts.LogY(plot);
        for (int i = 0; i < series.Count; i++)
        {
            var run = series[i];
            var color = HousePalette.Series(i);
            if (run.Values.Length > 0)
            {
                var line = plot.Add.Scatter(run.Steps, log ? Charts.Log10(run.Values) : run.Values);
                line.Color = color;
                line.LineWidth = 2;
                line.MarkerSize = run.Values.Length <= 60 ? 4 : 0;
                line.LegendText = run.Label;
            }
            foreach (var reference in run.References)
            {
                var level = plot.Add.HorizontalLine(log ? Math.Log10(reference.Value) : reference.Value);
                level.Color = color.WithAlpha(0.85);
                level.LineWidth = 2;
                level.LinePattern = LinePattern.Dashed;
                level.LegendText = $"{reference.Label} = {Charts.Tick(Math.Round(reference.Value, 4))} ({run.Label})";
            }
        }
        if (drawn.Count == 0)
            plot.Add.Annotation("no run recorded this metric");
        // Outside the data area, so no line is hidden behind it.
        Charts.Legend(plot, Edge.Right);
        return Charts.Save(plot, path, Charts.Width + 260, Charts.Height);
    }
}
