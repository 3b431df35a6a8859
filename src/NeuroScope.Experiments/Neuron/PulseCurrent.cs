namespace NeuroScope.Experiments.Neuron;

/// <summary>A rectangular pulse: I(t) = <see cref="Amplitude"/> for <see cref="Start"/> ≤ t ≤ <see cref="End"/> (both ends included), else 0.</summary>
public sealed record PulseCurrent : InputCurrent
{
    /// <summary>Creates a pulse; end must not be before start.</summary>
    public PulseCurrent(double start, double end, double amplitude)
    {
        CheckInterval(start, end, "PulseCurrent");
        CheckFinite(amplitude, "amplitude", "PulseCurrent");
        Start = start;
        End = end;
        Amplitude = amplitude;
    }

    /// <summary>Onset in ms (included).</summary>
    public double Start { get; }

    /// <summary>Offset in ms (included).</summary>
    public double End { get; }

    /// <summary>The current during the pulse, in mV.</summary>
    public double Amplitude { get; }

    /// <inheritdoc/>
    public override string Name =>
        $"pulse {LifParameters.Format(Amplitude)} mV from {LifParameters.Format(Start)} to {LifParameters.Format(End)} ms";

    /// <inheritdoc/>
    public override double At(double time) =>
        time >= Start - TimeTolerance && time <= End + TimeTolerance ? Amplitude : 0.0;
}
