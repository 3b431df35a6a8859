using System.Globalization;

namespace NeuroScope.Experiments;

/// <summary>One headline number of a run, with a human label and a unit: what <c>neuroscope runs</c> and the report show first.</summary>
/// <param name="Label">What the number is, e.g. "final bias (plain loop)".</param>
/// <param name="Value">The number.</param>
/// <param name="Unit">Its unit ("mV", "ms", "s"), or null.</param>
public sealed record Headline(string Label, double Value, string? Unit = null)
{
    /// <summary>"label value unit", the value with six significant digits.</summary>
    public override string ToString() =>
        $"{Label} {Value.ToString("G6", CultureInfo.InvariantCulture)}{(Unit is null ? "" : " " + Unit)}";
}
