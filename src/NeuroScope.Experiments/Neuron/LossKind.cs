using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>Which loss compares a simulated trace with a target (see <see cref="NeuronLosses"/>).</summary>
public enum LossKind
{
    /// <summary>Mean squared voltage difference over all samples, mV².</summary>
    Voltage,

    /// <summary>Mean squared voltage difference over samples where neither trace is at reset, mV².</summary>
    [JsonStringEnumMemberName("subthreshold")]
    SubThreshold,

    /// <summary>|n_sim − n_target|.</summary>
    [JsonStringEnumMemberName("count")]
    SpikeCount,

    /// <summary>Mean over target spikes of the squared distance to the nearest simulated spike, capped at max_delay², ms².</summary>
    [JsonStringEnumMemberName("timing")]
    SpikeTiming,

    /// <summary>(rate_sim − rate_target)², Hz².</summary>
    [JsonStringEnumMemberName("rate")]
    FiringRate,

    /// <summary>The van Rossum distance between the spike trains.</summary>
    [JsonStringEnumMemberName("van-rossum")]
    VanRossum,

    /// <summary>The Victor–Purpura distance between the spike trains.</summary>
    [JsonStringEnumMemberName("victor-purpura")]
    VictorPurpura,

    /// <summary>
    /// Mean squared voltage difference over the samples where both neurons have fired equally many spikes so far, mV²:
    /// the windows between a spike and its mismatched partner are left out, so a misplaced reset does not dominate.
    /// </summary>
    [JsonStringEnumMemberName("matched-voltage")]
    MatchedVoltage,

    /// <summary>∫|N_sim(t) − N_target(t)| dt over the run, ms: the area between the cumulative spike counts (with equal counts, Σᵢ|tᵢ − t′ᵢ|).</summary>
    [JsonStringEnumMemberName("earth-mover")]
    EarthMover,

    /// <summary>The weighted sum of the components (<see cref="LossWeights"/>).</summary>
    Combined,
}
