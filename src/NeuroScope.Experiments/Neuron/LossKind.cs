namespace NeuroScope.Experiments.Neuron;

/// <summary>Which loss compares a simulated trace with a target (see <see cref="NeuronLosses"/>).</summary>
public enum LossKind
{
    /// <summary>Mean squared voltage difference over all samples, mV².</summary>
    Voltage,

    /// <summary>Mean squared voltage difference over samples where neither trace is at reset, mV².</summary>
    SubThreshold,

    /// <summary>|n_sim − n_target|.</summary>
    SpikeCount,

    /// <summary>Mean over target spikes of the squared distance to the nearest simulated spike, capped at max_delay², ms².</summary>
    SpikeTiming,

    /// <summary>(rate_sim − rate_target)², Hz².</summary>
    FiringRate,

    /// <summary>The van Rossum distance between the spike trains.</summary>
    VanRossum,

    /// <summary>The Victor–Purpura distance between the spike trains.</summary>
    VictorPurpura,

    /// <summary>The weighted sum of the components (<see cref="LossWeights"/>).</summary>
    Combined,
}
