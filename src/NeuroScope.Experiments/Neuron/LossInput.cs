namespace NeuroScope.Experiments.Neuron;

/// <summary>What a loss's plain value is computed from: the simulated trace and spikes, the target and the loss settings.</summary>
/// <param name="Trace">The simulated voltage at each grid point, mV.</param>
/// <param name="SpikeTimes">The simulated spike times, ms, ascending.</param>
/// <param name="SimulatedReset">The simulated neuron's v_reset, mV.</param>
/// <param name="Target">The target trace and spikes (same grid).</param>
/// <param name="Settings">The loss settings (weights, scales, tolerances).</param>
public readonly ref struct LossInput(ReadOnlySpan<double> Trace, ReadOnlySpan<double> SpikeTimes, double SimulatedReset, NeuronTarget Target, LossSettings Settings)
{
    /// <summary>The simulated voltage at each grid point, mV.</summary>
    public ReadOnlySpan<double> Trace { get; } = Trace;

    /// <summary>The simulated spike times, ms, ascending.</summary>
    public ReadOnlySpan<double> SpikeTimes { get; } = SpikeTimes;

    /// <summary>The simulated neuron's v_reset, mV.</summary>
    public double SimulatedReset { get; } = SimulatedReset;

    /// <summary>The target trace and spikes.</summary>
    public NeuronTarget Target { get; } = Target;

    /// <summary>The loss settings.</summary>
    public LossSettings Settings { get; } = Settings;
}
