namespace NeuroScope.Experiments.Neuron;

/// <summary>A simulated voltage trace (one value per grid point, mV) and its spike times (ms, ascending).</summary>
/// <param name="Grid">The time grid the trace is sampled on.</param>
/// <param name="Parameters">The neuron that produced it.</param>
/// <param name="Trace">V(t) at each grid point, the initial value first.</param>
/// <param name="SpikeTimes">When the threshold was crossed, ascending.</param>
public sealed record SimulationResult(TimeGrid Grid, LifParameters Parameters, double[] Trace, double[] SpikeTimes)
{
    /// <summary>The number of spikes.</summary>
    public int SpikeCount => SpikeTimes.Length;

    /// <summary>Count, rate and inter-spike intervals of <see cref="SpikeTimes"/> over the grid's duration.</summary>
    public SpikeStatistics Statistics => SpikeStatistics.From(SpikeTimes, Grid.Duration);
}
