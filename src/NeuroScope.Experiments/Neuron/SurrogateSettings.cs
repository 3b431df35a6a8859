namespace NeuroScope.Experiments.Neuron;

/// <summary>Settings of the surrogate-gradient simulation: the surrogate's shape and scale and how the reset is differentiated.</summary>
public sealed record SurrogateSettings
{
    /// <summary>The surrogate shape; fast sigmoid by default.</summary>
    public SurrogateKind Kind { get; init; } = SurrogateKind.FastSigmoid;

    /// <summary>The fast sigmoid's slope (per mV); 25 by default, as in snnTorch.</summary>
    public double Slope { get; init => field = CheckPositive(value, nameof(Slope)); } = 25.0;

    /// <summary>The arctangent surrogate's α (per mV); 2 by default, as in snnTorch.</summary>
    public double Alpha { get; init => field = CheckPositive(value, nameof(Alpha)); } = 2.0;

    /// <summary>How gradients pass through the reset; detached by default.</summary>
    public ResetGradient Reset { get; init; } = ResetGradient.Detached;

    private static double CheckPositive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value,
            $"SurrogateSettings: {name} must be a finite number greater than 0, but was {LifParameters.Format(value)}.");
}
