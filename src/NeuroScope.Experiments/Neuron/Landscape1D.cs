namespace NeuroScope.Experiments.Neuron;

/// <summary>A loss along one parameter with the others held at <see cref="Center"/>; NaN where the parameters are invalid (e.g. v_reset ≥ v_threshold).</summary>
/// <param name="Range">The swept parameter and its range.</param>
/// <param name="Values">The parameter values.</param>
/// <param name="Losses">The loss at each value.</param>
/// <param name="Center">The point the sweep passes through (the current parameters).</param>
public sealed record Landscape1D(ParameterRange Range, double[] Values, double[] Losses, LifParameters Center)
{
    /// <summary>The index of the smallest finite loss, or −1 when there is none.</summary>
    public int MinimumIndex
    {
        get
        {
            int best = -1;
            for (int i = 0; i < Losses.Length; i++)
                if (double.IsFinite(Losses[i]) && (best < 0 || Losses[i] < Losses[best]))
                    best = i;
            return best;
        }
    }

    /// <summary>The parameter value with the smallest loss (NaN when none is finite).</summary>
    public double MinimumValue => MinimumIndex < 0 ? double.NaN : Values[MinimumIndex];

    /// <summary>The smallest loss (NaN when none is finite).</summary>
    public double MinimumLoss => MinimumIndex < 0 ? double.NaN : Losses[MinimumIndex];

    /// <summary>The swept parameter's value at <see cref="Center"/>.</summary>
    public double CenterValue => Center.Get(Range.Name);
}
