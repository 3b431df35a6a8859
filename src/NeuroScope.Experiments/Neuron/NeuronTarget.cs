namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// A target to fit: the trace of a neuron with known (true) parameters, optionally with seeded Gaussian noise
/// clipped to [v_reset − 10, v_threshold + 10] mV, and the true spike times of the clean trace.
/// </summary>
/// <param name="Config">How the target was made.</param>
/// <param name="Trace">The observed trace: the clean trace plus noise (equal to it without noise).</param>
/// <param name="CleanTrace">The simulated trace before noise.</param>
/// <param name="SpikeTimes">The spike times of the clean simulation, ms.</param>
/// <param name="CurrentSamples">The input current at each grid point, as the simulator used it.</param>
public sealed record NeuronTarget(TargetConfig Config, double[] Trace, double[] CleanTrace, double[] SpikeTimes, double[] CurrentSamples)
{
    /// <summary>How far (mV) noisy samples may go beyond v_reset below and v_threshold above before they are clipped.</summary>
    public const double NoiseClipMargin = 10.0;

    /// <summary>The time grid of the target.</summary>
    public TimeGrid Grid => Config.Grid;

    /// <summary>The true parameters.</summary>
    public LifParameters Parameters => Config.Parameters;

    /// <summary>
    /// A measured target: <paramref name="trace"/> sampled on the config's grid under its current, with the spikes found
    /// by their resets (<see cref="SpikeDetector"/>) to the config's v_reset. The config's parameters stand for the
    /// neuron's known or assumed values (its "true" column in recovery tables); its noise settings are not used.
    /// </summary>
    public static NeuronTarget Measured(TargetConfig config, double[] trace)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.Length != config.Grid.Points)
            throw new ArgumentException($"NeuronTarget: {trace.Length} voltage samples for a grid of {config.Grid.Points} points; give one per grid point.", nameof(trace));
        var spikes = SpikeDetector.Detect(trace, config.Grid, config.Parameters);
        return new NeuronTarget(config with { NoiseStandardDeviation = 0 }, trace, trace, spikes, config.Current.Sample(config.Grid));
    }

    /// <summary>Simulates the true neuron and adds the configured noise.</summary>
    public static NeuronTarget Generate(TargetConfig? config = null)
    {
        config ??= new TargetConfig();
        var current = config.Current.Sample(config.Grid);
        var clean = LifSimulator.Simulate(config.Parameters, config.Grid, current, config.Initial, config.InterpolateSpikes);
        var trace = (double[])clean.Trace.Clone();
        if (config.NoiseStandardDeviation > 0)
        {
            var random = new Random(config.Seed);
            double low = config.Parameters.VReset - NoiseClipMargin, high = config.Parameters.VThreshold + NoiseClipMargin;
            for (int i = 0; i < trace.Length; i++)
            {
                // Box–Muller; 1 − U keeps the logarithm's argument in (0, 1].
                double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
                double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
                trace[i] = Math.Clamp(trace[i] + config.NoiseStandardDeviation * z, low, high);
            }
        }
        return new NeuronTarget(config, trace, clean.Trace, clean.SpikeTimes, current);
    }
}
