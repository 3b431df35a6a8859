namespace NeuroScope.Experiments.Neuron;

/// <summary>A constant input current I(t) = <see cref="Amplitude"/> (mV).</summary>
public sealed record ConstantCurrent : InputCurrent
{
    /// <summary>Creates a constant current.</summary>
    public ConstantCurrent(double amplitude)
    {
        CheckFinite(amplitude, "amplitude", "ConstantCurrent");
        Amplitude = amplitude;
    }

    /// <summary>The current in mV.</summary>
    public double Amplitude { get; }

    /// <inheritdoc/>
    public override string Name => $"constant {LifParameters.Format(Amplitude)} mV";

    /// <inheritdoc/>
    public override double At(double time) => Amplitude;

    /// <inheritdoc/>
    public override void Sample(TimeGrid grid, Span<double> values) => values.Fill(Amplitude);
}
