namespace NeuroScope.Experiments.Neuron;

/// <summary>A step: I(t) = <see cref="Baseline"/> for t &lt; <see cref="Time"/>, <see cref="Amplitude"/> from it on.</summary>
public sealed record StepCurrent : InputCurrent
{
    /// <summary>Creates a step current.</summary>
    public StepCurrent(double time, double amplitude, double baseline = 0.0)
    {
        CheckFinite(time, "time", "StepCurrent");
        CheckFinite(amplitude, "amplitude", "StepCurrent");
        CheckFinite(baseline, "baseline", "StepCurrent");
        Time = time;
        Amplitude = amplitude;
        Baseline = baseline;
    }

    /// <summary>When the step happens, in ms (the new value applies at this time).</summary>
    public double Time { get; }

    /// <summary>The current after the step, in mV.</summary>
    public double Amplitude { get; }

    /// <summary>The current before the step, in mV.</summary>
    public double Baseline { get; }

    /// <inheritdoc/>
    public override string Name =>
        $"step {LifParameters.Format(Baseline)} → {LifParameters.Format(Amplitude)} mV at {LifParameters.Format(Time)} ms";

    /// <inheritdoc/>
    public override double At(double time) => time >= Time - TimeTolerance ? Amplitude : Baseline;
}
