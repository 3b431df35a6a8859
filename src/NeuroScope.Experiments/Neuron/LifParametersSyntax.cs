using System.Globalization;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Neuron;

/// <summary>LIF parameters on the command line: name=value pairs (<c>tau=20,v_threshold=-55</c>); names left out keep their value.</summary>
public sealed class LifParametersSyntax : IOptionSyntax
{
    /// <inheritdoc/>
    public string HelpName => "name=value,…";

    /// <inheritdoc/>
    public object? Parse(string text, object? current)
    {
        var parameters = current as LifParameters ?? LifParameters.Default;
        int count = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var halves = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (halves.Length != 2 || !double.TryParse(halves[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new OptionSyntaxException($"'{part}' is not a name=value pair; write e.g. tau=20,v_threshold=-55");
            if (!LifParameters.Names.Contains(halves[0]))
                throw new OptionSyntaxException($"'{halves[0]}' is not a LIF parameter; allowed: {string.Join(", ", LifParameters.Names)}");
            try
            {
                parameters = parameters.With(halves[0], value);
            }
            catch (ArgumentException e)
            {
                throw new OptionSyntaxException(e.Message.Split(" (Parameter", 2)[0].TrimEnd('.'));
            }
            count++;
        }
        return count > 0 ? parameters : throw new OptionSyntaxException("give at least one name=value pair, e.g. tau=20");
    }

    /// <inheritdoc/>
    public string Format(object? value) => value is LifParameters p
        ? string.Join(",", LifParameters.Names.Select(n => $"{n}={p.Get(n).ToString("R", CultureInfo.InvariantCulture)}"))
        : "none";
}
