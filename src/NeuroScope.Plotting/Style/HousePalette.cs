using ScottPlot;
using SkiaSharp;

namespace NeuroScope.Plotting.Style;

/// <summary>
/// The one palette of every picture: the ten Tableau colors for series (in order), near-black ink for targets and data,
/// a gray for what came before, and viridis for every color scale. Named roles say what a color means, so a meaning
/// keeps its color from one picture to the next.
/// </summary>
public static class HousePalette
{
    private static readonly string[] SeriesHex =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>Series color <paramref name="index"/> (wrapping after ten).</summary>
    public static Color Series(int index) => Color.FromHex(SeriesHex[((index % SeriesHex.Length) + SeriesHex.Length) % SeriesHex.Length]);

    /// <summary>Blue: the first series, a prediction, a training loss.</summary>
    public static Color Blue => Series(0);

    /// <summary>Orange: the second series, a learned value.</summary>
    public static Color Orange => Series(1);

    /// <summary>Green: the third series, an exact answer, sharpness.</summary>
    public static Color Green => Series(2);

    /// <summary>Red: a threshold, a warning, a generalization error, a suggestion.</summary>
    public static Color Red => Series(3);

    /// <summary>Purple: the fifth series.</summary>
    public static Color Purple => Series(4);

    /// <summary>Near-black: targets, data points, reference lines.</summary>
    public static Color Ink { get; } = Color.FromHex("#222222");

    /// <summary>Gray: what came before training, shaded regions, guides.</summary>
    public static Color Muted { get; } = Color.FromHex("#8c8c8c");

    /// <summary>The light shade behind a training range or box.</summary>
    public static Color TrainingRegion { get; } = Color.FromHex("#8c8c8c").WithAlpha(0.16);

    /// <summary>The background of every picture.</summary>
    public static Color Paper { get; } = Colors.White;

    /// <summary>The color scale of every heat map and surface.</summary>
    public static IColormap Colormap { get; } = new ScottPlot.Colormaps.Viridis();

    /// <summary>A ScottPlot color as a SkiaSharp color, for what is drawn directly on SkiaSharp.</summary>
    public static SKColor ToSkia(Color color) => new(color.R, color.G, color.B, color.A);
}
