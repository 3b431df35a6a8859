using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// The weights of the combined loss, keyed by the component losses of the registry (<see cref="NeuronLoss.Components"/>);
/// each is finite and at least 0. A component not set has its <see cref="NeuronLoss.DefaultWeight"/> (voltage 1, count 10,
/// timing 5, rate 2, the others 0). In config files: an object of weights by loss name.
/// </summary>
[JsonConverter(typeof(LossWeightsJsonConverter))]
public sealed class LossWeights : IEquatable<LossWeights>
{
    private readonly double[] _weights;

    /// <summary>The default weights: each component's <see cref="NeuronLoss.DefaultWeight"/>.</summary>
    public LossWeights()
    {
        _weights = new double[NeuronLoss.Components.Count];
        foreach (var loss in NeuronLoss.Components)
            _weights[loss.Index] = loss.DefaultWeight;
    }

    private LossWeights(double[] weights) => _weights = weights;

    /// <summary>Every weight 0: start from this to name only the components a combined loss uses.</summary>
    public static LossWeights None { get; } = new(new double[NeuronLoss.Components.Count]);

    /// <summary>
    /// The weights that recover tau and v_threshold with the surrogate gradient: matched-interval voltage 10, earth
    /// mover 0.1, every other component 0 (see docs/neuron.md for why the default mix does not).
    /// </summary>
    public static LossWeights Recovery { get; } = None.With(NeuronLoss.MatchedVoltage, 10).With(NeuronLoss.EarthMover, 0.1);

    /// <summary>The weight of one component (not <see cref="NeuronLoss.Combined"/>).</summary>
    public double this[NeuronLoss loss] => Of(loss);

    /// <summary>The weight of one component (not <see cref="NeuronLoss.Combined"/>).</summary>
    public double Of(NeuronLoss loss) => _weights[IndexOf(loss)];

    /// <summary>A copy with the weight of <paramref name="loss"/> set to <paramref name="weight"/> (finite, at least 0).</summary>
    public LossWeights With(NeuronLoss loss, double weight)
    {
        int index = IndexOf(loss);
        if (!double.IsFinite(weight) || weight < 0)
            throw new ArgumentOutOfRangeException(loss.Name, weight,
                $"LossWeights: the weight of {loss.Name} must be a finite weight of at least 0, but was {LifParameters.Format(weight)}.");
        var weights = (double[])_weights.Clone();
        weights[index] = weight;
        return new LossWeights(weights);
    }

    /// <summary>
    /// The weighted sum Σ weightₖ·termₖ over the components in registry order, leaving out every component whose weight
    /// is 0 (so it can neither cost time nor be NaN): the one definition of the combined loss, for plain values,
    /// tensors and stored breakdowns alike.
    /// </summary>
    /// <param name="state">What the terms are computed from.</param>
    /// <param name="weightedTerm">weightₖ·termₖ of one component, given its weight.</param>
    /// <param name="add">Adds a weighted term to the running total (which starts as <c>default</c>).</param>
    public T? Sum<T, TState>(TState state, Func<NeuronLoss, double, TState, T> weightedTerm, Func<T?, T, T> add)
        where TState : allows ref struct
    {
        ArgumentNullException.ThrowIfNull(weightedTerm);
        ArgumentNullException.ThrowIfNull(add);
        T? total = default;
        foreach (var loss in NeuronLoss.Components)
        {
            double weight = _weights[loss.Index];
            if (weight != 0)
                total = add(total, weightedTerm(loss, weight, state));
        }
        return total;
    }

    /// <summary>Whether every weight equals <paramref name="other"/>'s.</summary>
    public bool Equals(LossWeights? other) => other is not null && _weights.AsSpan().SequenceEqual(other._weights);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as LossWeights);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (double w in _weights)
            hash.Add(w);
        return hash.ToHashCode();
    }

    /// <summary>The nonzero weights as name=weight pairs.</summary>
    public override string ToString() =>
        string.Join(",", NeuronLoss.Components.Where(l => _weights[l.Index] != 0).Select(l => $"{l.Name}={LifParameters.Format(_weights[l.Index])}"));

    private static int IndexOf(NeuronLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (loss.Index < 0)
            throw new ArgumentOutOfRangeException(nameof(loss), loss.Name, "LossWeights: choose a single component, not combined.");
        return loss.Index;
    }
}
