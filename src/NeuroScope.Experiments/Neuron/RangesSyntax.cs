using System.Globalization;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Neuron;

/// <summary>Landscape ranges on the command line: min:max per parameter, comma-separated (<c>15:35,-57:-47</c>).</summary>
public sealed class RangesSyntax : IOptionSyntax
{
    /// <inheritdoc/>
    public string HelpName => "min:max,…";

    /// <inheritdoc/>
    public object? Parse(string text, object? current)
    {
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
            return null;
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            throw new OptionSyntaxException("give one min:max per parameter, e.g. 15:35,-57:-47");
        var ranges = new double[parts.Length][];
        for (int i = 0; i < parts.Length; i++)
        {
            // min:max, where either may be negative ("-57:-47").
            int colon = parts[i].IndexOf(':', 1);
            if (colon < 0
                || !double.TryParse(parts[i][..colon], NumberStyles.Float, CultureInfo.InvariantCulture, out double min)
                || !double.TryParse(parts[i][(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double max))
                throw new OptionSyntaxException($"'{parts[i]}' is not min:max; write e.g. 15:35,-57:-47");
            ranges[i] = [min, max];
        }
        return ranges;
    }

    /// <inheritdoc/>
    public string Format(object? value) => value is double[][] ranges
        ? string.Join(",", ranges.Select(r => string.Join(":", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))))
        : "none";
}
