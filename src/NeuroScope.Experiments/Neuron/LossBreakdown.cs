using System.Globalization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>Every component loss (<see cref="NeuronLoss.Components"/>) of one simulation against one target, and their weighted sum <see cref="Total"/>.</summary>
public sealed class LossBreakdown
{
    private readonly double[] _values;

    /// <summary>A breakdown of <paramref name="values"/>, one per component in registry order, weighted by <paramref name="weights"/>.</summary>
    public LossBreakdown(IReadOnlyList<double> values, LossWeights weights)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(weights);
        if (values.Count != NeuronLoss.Components.Count)
            throw new ArgumentException($"LossBreakdown: {values.Count} values for {NeuronLoss.Components.Count} component losses; give one per component.", nameof(values));
        _values = [.. values];
        Weights = weights;
    }

    /// <summary>The weights <see cref="Total"/> uses.</summary>
    public LossWeights Weights { get; }

    /// <summary>Σ weightₖ·componentₖ; a component with weight 0 is left out even when it is infinite or NaN.</summary>
    public double Total => Weights.Sum(_values, static (loss, weight, values) => weight * values[loss.Index], static (total, term) => total + term);

    /// <summary>One component, or <see cref="Total"/> for <see cref="NeuronLoss.Combined"/>.</summary>
    public double this[NeuronLoss loss] => Get(loss);

    /// <summary>One component, or <see cref="Total"/> for <see cref="NeuronLoss.Combined"/>.</summary>
    public double Get(NeuronLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return loss == NeuronLoss.Combined ? Total : _values[loss.Index];
    }

    /// <summary>The total and the components on one line, e.g. <c>total=… voltage=… earth_mover=…</c>.</summary>
    public override string ToString()
    {
        var culture = CultureInfo.InvariantCulture;
        var parts = new List<string> { string.Create(culture, $"total={Total:G6}") };
        foreach (var loss in NeuronLoss.Components)
            parts.Add(string.Create(culture, $"{loss.Name.Replace('-', '_')}={_values[loss.Index]:G6}"));
        return string.Join(" ", parts);
    }
}
