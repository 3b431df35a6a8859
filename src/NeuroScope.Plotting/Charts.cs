using NeuroScope.Plotting.Style;
using ScottPlot;

namespace NeuroScope.Plotting;

/// <summary>
/// The house style of every chart, defined once: the embedded font (<see cref="HouseFont"/>), the palette
/// (<see cref="HousePalette"/>), sizes, tick labels, legends outside the data, color bars on heat maps, markers that
/// stand out, and saving.
/// </summary>
public static class Charts
{
    /// <summary>Default picture size in pixels.</summary>
    public const int Width = 900, Height = 560;

    /// <summary>Font sizes in pixels: title, axis labels, tick labels, legend.</summary>
    public const float TitleSize = 17, LabelSize = 14, TickSize = 12, LegendSize = 12;

    /// <summary>The size of a highlighted marker (a minimum, a suggestion, a start) in pixels.</summary>
    public const float MarkerSize = 13;

    static Charts() => HouseFont.Register();

    /// <summary>A new plot with a title and axis labels in the house style.</summary>
    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.FigureBackground.Color = HousePalette.Paper;
        plot.Title(title, size: TitleSize);
        plot.XLabel(xLabel, size: LabelSize);
        plot.YLabel(yLabel, size: LabelSize);
        // Tick labels in the invariant culture without thousands separators ("5000", not "5,000"), spaced so that
        // four-digit labels in a narrow dashboard panel never run into each other.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Tick, TickDensity = 0.7 };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Tick, TickDensity = 0.8 };
        plot.Font.Set(HouseFont.Family);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        plot.Legend.FontName = HouseFont.Family;
        plot.Legend.FontSize = LegendSize;
        KeepEdgeLabels(plot);
        return plot;
    }

    /// <summary>
    /// Leaves room beside the data area for half of the widest tick label, so the last label of the x axis (and the top
    /// one of the y axis) is never cut off at the picture's edge, whatever holds that edge.
    /// </summary>
    public static void KeepEdgeLabels(Plot plot)
    {
        plot.Axes.Right.MinimumSize = Math.Max(plot.Axes.Right.MinimumSize, 36);
        plot.Axes.Top.MinimumSize = Math.Max(plot.Axes.Top.MinimumSize, 12);
    }

    /// <summary>
    /// Shows the legend outside the data area (below it by default, or beside it on the right), so it can never hide
    /// a curve, a point or a marker.
    /// </summary>
    public static void Legend(Plot plot, Edge edge = Edge.Bottom)
    {
        plot.ShowLegend(edge);
        plot.Legend.FontName = HouseFont.Family;
        plot.Legend.FontSize = LegendSize;
        plot.Legend.OutlineColor = HousePalette.Muted.WithAlpha(0.6);
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.BackgroundColor = HousePalette.Paper;
    }

    /// <summary>Adds a labelled color bar for <paramref name="source"/> (a heat map) on the right of the data area.</summary>
    public static ScottPlot.Panels.ColorBar ColorBar(Plot plot, IHasColorAxis source, string label)
    {
        var bar = plot.Add.ColorBar(source);
        bar.Label = label;
        bar.LabelStyle.FontName = HouseFont.Family;
        bar.LabelStyle.FontSize = LabelSize;
        return bar;
    }

    /// <summary>A highlighted point that stands out on any background: a large filled marker with a contrasting outline.</summary>
    public static ScottPlot.Plottables.Marker Marker(Plot plot, double x, double y, MarkerShape shape, Color color, string label, float size = MarkerSize)
    {
        var marker = plot.Add.Marker(x, y, shape, size, color);
        marker.MarkerStyle.OutlineColor = Outline(color);
        marker.MarkerStyle.OutlineWidth = 1.5f;
        if (shape.IsLineOnly() || shape.ToString().StartsWith("Open", StringComparison.Ordinal))
            marker.MarkerStyle.LineWidth = 3;
        marker.LegendText = label;
        return marker;
    }

    /// <summary>Black around light colors and white around dark ones, so a marker's edge shows on heat maps and on white.</summary>
    public static Color Outline(Color color) =>
        0.299 * color.R + 0.587 * color.G + 0.114 * color.B > 150 ? HousePalette.Ink : Colors.White;

    /// <summary>A tick label: up to six decimals, no thousands separator, invariant culture.</summary>
    public static string Tick(double value) => value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The family every picture is drawn in (the embedded <see cref="HouseFont.Family"/>).</summary>
    public static string SansFont => HouseFont.Family;

    /// <summary>Uses a base-10 logarithmic y axis: plot log10 of the data and label ticks as powers of ten (10⁻³).</summary>
    public static void LogY(Plot plot)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = PowerOfTen,
        };
    }

    /// <summary>Uses a base-10 logarithmic x axis: plot log10 of the data and label ticks as powers of ten (10⁻³).</summary>
    public static void LogX(Plot plot)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = PowerOfTen,
        };
    }

    /// <summary>10 raised to the whole number <paramref name="exponent"/>, written with a real superscript: 10⁻³, 10⁰, 10².</summary>
    public static string PowerOfTen(double exponent)
    {
        long e = (long)Math.Round(exponent);
        return "10" + Superscript(e.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary><paramref name="text"/> (digits, minus and plus) in Unicode superscript characters.</summary>
    public static string Superscript(string text)
    {
        var chars = text.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
            chars[i] = chars[i] switch
            {
                '0' => '⁰', '1' => '¹', '2' => '²', '3' => '³', '4' => '⁴', '5' => '⁵', '6' => '⁶', '7' => '⁷', '8' => '⁸', '9' => '⁹',
                '-' => '⁻', '+' => '⁺',
                char c => c,
            };
        return new string(chars);
    }

    /// <summary>log10 of each value; values at or below <paramref name="floor"/> (and NaN) are drawn at the floor, so a log plot stays drawable.</summary>
    public static double[] Log10(IReadOnlyList<double> values, double floor = 1e-300)
    {
        var result = new double[values.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = Math.Log10(values[i] > floor ? values[i] : floor);
        return result;
    }

    /// <summary>Saves the plot as a PNG (written aside, then renamed into place) and returns the path.</summary>
    public static string Save(Plot plot, string path, int width = Width, int height = Height)
    {
        PictureFile.Write(path, plot.GetImageBytes(width, height, ImageFormat.Png));
        return path;
    }
}
