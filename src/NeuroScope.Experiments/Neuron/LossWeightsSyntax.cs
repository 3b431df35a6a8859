using System.Globalization;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Neuron;

/// <summary>The combined loss's weights on the command line: loss=weight pairs named as <c>--loss</c> names them (<c>matched-voltage=10,earth-mover=0.1</c>).</summary>
public sealed class LossWeightsSyntax : IOptionSyntax
{
    /// <inheritdoc/>
    public string HelpName => "loss=weight,…";

    /// <inheritdoc/>
    public object? Parse(string text, object? current)
    {
        var weights = current as LossWeights ?? new LossWeights();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var halves = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (halves.Length != 2 || !double.TryParse(halves[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new OptionSyntaxException($"'{part}' is not a loss=weight pair; write e.g. matched-voltage=10,earth-mover=0.1");
            if (!NeuronLoss.TryParse(halves[0], null, out var loss) || loss == NeuronLoss.Combined)
                throw new OptionSyntaxException($"'{halves[0]}' is not a loss; allowed: {string.Join(", ", NeuronLoss.Components.Select(l => l.Name))}");
            if (!double.IsFinite(value) || value < 0)
                throw new OptionSyntaxException($"the weight of {halves[0]} must be a finite number ≥ 0");
            weights = weights.With(loss, value);
        }
        return weights;
    }

    /// <inheritdoc/>
    public string Format(object? value) => value is LossWeights w
        ? string.Join(",", NeuronLoss.Components.Select(l => $"{l.Name}={w.Of(l).ToString("R", CultureInfo.InvariantCulture)}"))
        : "none";
}
