namespace NeuroScope.Experiments.Neuron;

/// <summary>A sinusoid: I(t) = offset + amplitude·sin(2π·frequency·t/1000 + phase), t in ms, frequency in Hz.</summary>
public sealed record SineCurrent : InputCurrent
{
    /// <summary>Creates a sine current; the frequency must not be negative.</summary>
    public SineCurrent(double amplitude, double frequency, double offset = 0.0, double phase = 0.0)
    {
        CheckFinite(amplitude, "amplitude", "SineCurrent");
        CheckFinite(frequency, "frequency", "SineCurrent");
        CheckFinite(offset, "offset", "SineCurrent");
        CheckFinite(phase, "phase", "SineCurrent");
        if (frequency < 0)
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency,
                $"SineCurrent: frequency must be at least 0 Hz, but was {LifParameters.Format(frequency)}.");
        Amplitude = amplitude;
        Frequency = frequency;
        Offset = offset;
        Phase = phase;
    }

    /// <summary>Peak deviation from the offset, in mV.</summary>
    public double Amplitude { get; }

    /// <summary>Frequency in Hz.</summary>
    public double Frequency { get; }

    /// <summary>The mean current, in mV.</summary>
    public double Offset { get; }

    /// <summary>Phase at t = 0, in radians.</summary>
    public double Phase { get; }

    /// <inheritdoc/>
    public override string Name =>
        $"sine {LifParameters.Format(Offset)} ± {LifParameters.Format(Amplitude)} mV at {LifParameters.Format(Frequency)} Hz";

    /// <inheritdoc/>
    public override double At(double time) => Offset + Amplitude * Math.Sin(2.0 * Math.PI * Frequency * time / 1000.0 + Phase);
}
