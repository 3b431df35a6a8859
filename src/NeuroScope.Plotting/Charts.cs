using ScottPlot;

namespace NeuroScope.Plotting;

/// <summary>The house style of every chart: one place for sizes, fonts and saving, so all pictures look alike.</summary>
public static class Charts
{
    /// <summary>Default picture size in pixels.</summary>
    public const int Width = 900, Height = 560;

    /// <summary>A new plot with a title and axis labels in the house style.</summary>
    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(SansFont);
        plot.Title(title, size: 18);
        plot.XLabel(xLabel, size: 15);
        plot.YLabel(yLabel, size: 15);
        // Tick labels in the invariant culture without thousands separators ("5000", not "5,000"), and room at the
        // right edge so the last label of the x axis is never cut off.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Tick };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Tick };
        plot.Axes.Right.MinimumSize = 30;
        return plot;
    }

    /// <summary>A tick label: up to six decimals, no thousands separator, invariant culture.</summary>
    public static string Tick(double value) => value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A sans-serif family that is installed: DejaVu Sans or Liberation Sans where present (ScottPlot's own pick can land on a serif face on Linux), else ScottPlot's default.</summary>
    public static string SansFont { get; } = PickSans();

    private static string PickSans()
    {
        var installed = SkiaSharp.SKFontManager.Default.FontFamilies;
        foreach (var candidate in new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI" })
            if (installed.Contains(candidate))
                return candidate;
        return Fonts.Sans;
    }

    /// <summary>Uses a base-10 logarithmic y axis: plot log10 of the data and label ticks as powers of ten.</summary>
    public static void LogY(Plot plot)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => $"1e{y:0}",
        };
    }

    /// <summary>Uses a base-10 logarithmic x axis: plot log10 of the data and label ticks as powers of ten.</summary>
    public static void LogX(Plot plot)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = x => $"1e{x:0}",
        };
    }

    /// <summary>log10 of each value; values at or below <paramref name="floor"/> (and NaN) are drawn at the floor, so a log plot stays drawable.</summary>
    public static double[] Log10(IReadOnlyList<double> values, double floor = 1e-300)
    {
        var result = new double[values.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = Math.Log10(values[i] > floor ? values[i] : floor);
        return result;
    }

    /// <summary>Saves the plot as a PNG and returns the path.</summary>
    public static string Save(Plot plot, string path, int width = Width, int height = Height)
    {
        plot.SavePng(path, width, height);
        return path;
    }
}
