namespace NeuroScope.Experiments.Neuron;

/// <summary>An input current I(t) in mV (the membrane resistance is 1), a pure function of time in ms.</summary>
/// <remarks>
/// Each kind is a record holding its settings, so a current can be printed, compared and written to a run's
/// config. The simulator samples a current once per grid point (<see cref="Sample(TimeGrid)"/>) and integrates
/// step k with I(t_k). Interval ends are compared with a tolerance of <see cref="TimeTolerance"/> ms, so a pulse
/// from 10 to 20 ms includes the grid point 200·0.1 even when it rounds to 20.000000000000004.
/// </remarks>
public abstract record InputCurrent
{
    /// <summary>The tolerance (ms) used when a time is compared with an interval end.</summary>
    public const double TimeTolerance = 1e-9;

    /// <summary>A short human-readable description, e.g. "constant 20 mV".</summary>
    public abstract string Name { get; }

    /// <summary>The current I(t) at time <paramref name="time"/> (ms).</summary>
    public abstract double At(double time);

    /// <summary>The current at every point of <paramref name="grid"/>.</summary>
    public double[] Sample(TimeGrid grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var values = new double[grid.Points];
        Sample(grid, values);
        return values;
    }

    /// <summary>Writes the current at the first <paramref name="values"/>.Length grid points into <paramref name="values"/>.</summary>
    public virtual void Sample(TimeGrid grid, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(grid);
        for (int i = 0; i < values.Length; i++)
            values[i] = At(grid.Time(i));
    }

    /// <summary>A constant current I(t) = amplitude.</summary>
    public static InputCurrent Constant(double amplitude) => new ConstantCurrent(amplitude);

    /// <summary>A rectangular pulse: amplitude for start ≤ t ≤ end (both ends included), else 0.</summary>
    public static InputCurrent Pulse(double start, double end, double amplitude) => new PulseCurrent(start, end, amplitude);

    /// <summary>The sum of several pulses (overlaps add).</summary>
    public static InputCurrent Pulses(params PulseCurrent[] pulses) => new SumCurrent(pulses);

    /// <summary>A step: baseline before <paramref name="time"/>, amplitude from it on.</summary>
    public static InputCurrent Step(double time, double amplitude, double baseline = 0.0) => new StepCurrent(time, amplitude, baseline);

    /// <summary>A ramp: from before start, rising linearly to to at end, constant outside.</summary>
    public static InputCurrent Ramp(double start, double end, double from, double to) => new RampCurrent(start, end, from, to);

    /// <summary>A sine: offset + amplitude·sin(2π·frequency·t/1000 + phase), frequency in Hz.</summary>
    public static InputCurrent Sine(double amplitude, double frequency, double offset = 0.0, double phase = 0.0) =>
        new SineCurrent(amplitude, frequency, offset, phase);

    /// <summary>Seeded Gaussian noise with the given mean and standard deviation, held constant over bins of <paramref name="binWidth"/> ms.</summary>
    public static InputCurrent Noise(double mean, double standardDeviation, int seed, double binWidth = 0.1) =>
        new NoiseCurrent(mean, standardDeviation, seed, binWidth);

    /// <summary>The sum of two currents.</summary>
    public static InputCurrent operator +(InputCurrent a, InputCurrent b) => new SumCurrent([a, b]);

    internal static void CheckFinite(double value, string name, string kind)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{kind}: {name} must be a finite number, but was {LifParameters.Format(value)}.");
    }

    internal static void CheckInterval(double start, double end, string kind)
    {
        CheckFinite(start, "start", kind);
        CheckFinite(end, "end", kind);
        if (end < start)
            throw new ArgumentOutOfRangeException("end", end,
                $"{kind}: end ({LifParameters.Format(end)} ms) must not be before start ({LifParameters.Format(start)} ms).");
    }
}
