using ScottPlot;

namespace NeuroScope.Plotting.Dose;

/// <summary>One color per meaning, the same in every dose figure.</summary>
internal static class DoseColors
{
    public static readonly Color Plain = Color.FromHex("#1f77b4");
    public static readonly Color Trainer = Color.FromHex("#ff7f0e");
    public static readonly Color Before = Color.FromHex("#8c8c8c");
    public static readonly Color Exact = Color.FromHex("#2ca02c");
    public static readonly Color Data = Color.FromHex("#111111");
    public static readonly Color Suggestion = Color.FromHex("#d62728");
}
