using System.Globalization;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Fit;

/// <summary>Numbers separated by ',' where each may be a constant formula such as <c>-2*pi</c> ("-pi,pi" and "0,2*pi" are natural to type).</summary>
public sealed class BoxSyntax : IOptionSyntax
{
    /// <inheritdoc/>
    public string HelpName => "number,…";

    /// <inheritdoc/>
    public object? Parse(string text, object? current)
    {
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
            return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                continue;
            if (!Expression.TryParse(parts[i], out var formula, out _) || formula!.UsesY || formula.Text.Contains('x', StringComparison.OrdinalIgnoreCase))
                throw new OptionSyntaxException("give numbers separated by ',' (pi is allowed: -2*pi,2*pi)");
            values[i] = formula.Evaluate(0);
        }
        return values;
    }

    /// <inheritdoc/>
    public string Format(object? value) => value is double[] numbers
        ? string.Join(",", numbers.Select(n => n.ToString("R", CultureInfo.InvariantCulture)))
        : "none";
}
