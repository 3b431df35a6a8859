using NeuroScope.Plotting.Style;
using ScottPlot;

namespace NeuroScope.Plotting.Dose;

/// <summary>One color per meaning in every dose figure, taken from the house palette.</summary>
internal static class DoseColors
{
    public static readonly Color Plain = HousePalette.Blue;
    public static readonly Color Trainer = HousePalette.Orange;
    public static readonly Color Before = HousePalette.Muted;
    public static readonly Color Exact = HousePalette.Green;
    public static readonly Color Data = HousePalette.Ink;
    public static readonly Color Suggestion = HousePalette.Red;
}
