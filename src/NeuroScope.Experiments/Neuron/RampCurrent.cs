namespace NeuroScope.Experiments.Neuron;

/// <summary>A ramp: <see cref="From"/> until <see cref="Start"/>, rising linearly to <see cref="To"/> at <see cref="End"/>, then constant.</summary>
public sealed record RampCurrent : InputCurrent
{
    /// <summary>Creates a ramp; end must not be before start.</summary>
    public RampCurrent(double start, double end, double from, double to)
    {
        CheckInterval(start, end, "RampCurrent");
        CheckFinite(from, "from", "RampCurrent");
        CheckFinite(to, "to", "RampCurrent");
        Start = start;
        End = end;
        From = from;
        To = to;
    }

    /// <summary>When the ramp starts, in ms.</summary>
    public double Start { get; }

    /// <summary>When the ramp ends, in ms.</summary>
    public double End { get; }

    /// <summary>The current before and at the start, in mV.</summary>
    public double From { get; }

    /// <summary>The current at and after the end, in mV.</summary>
    public double To { get; }

    /// <inheritdoc/>
    public override string Name =>
        $"ramp {LifParameters.Format(From)} → {LifParameters.Format(To)} mV from {LifParameters.Format(Start)} to {LifParameters.Format(End)} ms";

    /// <inheritdoc/>
    public override double At(double time)
    {
        if (time <= Start)
            return From;
        if (time >= End)
            return To;
        return From + (To - From) * (time - Start) / (End - Start);
    }
}
