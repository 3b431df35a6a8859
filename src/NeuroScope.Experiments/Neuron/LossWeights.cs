namespace NeuroScope.Experiments.Neuron;

/// <summary>The weights of the combined loss; each must be finite and at least 0. Defaults: voltage 1, count 10, timing 5, rate 2, the others 0.</summary>
public sealed record LossWeights
{
    /// <summary>Weight of the voltage MSE.</summary>
    public double Voltage { get; init => field = Check(value, nameof(Voltage)); } = 1.0;

    /// <summary>Weight of the sub-threshold MSE.</summary>
    public double SubThreshold { get; init => field = Check(value, nameof(SubThreshold)); }

    /// <summary>Weight of the spike-count loss.</summary>
    public double SpikeCount { get; init => field = Check(value, nameof(SpikeCount)); } = 10.0;

    /// <summary>Weight of the spike-timing loss.</summary>
    public double SpikeTiming { get; init => field = Check(value, nameof(SpikeTiming)); } = 5.0;

    /// <summary>Weight of the firing-rate loss.</summary>
    public double FiringRate { get; init => field = Check(value, nameof(FiringRate)); } = 2.0;

    /// <summary>Weight of the van Rossum distance.</summary>
    public double VanRossum { get; init => field = Check(value, nameof(VanRossum)); }

    /// <summary>Weight of the Victor–Purpura distance.</summary>
    public double VictorPurpura { get; init => field = Check(value, nameof(VictorPurpura)); }

    /// <summary>Weight of the matched-interval voltage MSE.</summary>
    public double MatchedVoltage { get; init => field = Check(value, nameof(MatchedVoltage)); }

    /// <summary>Weight of the earth mover's distance between the spike trains.</summary>
    public double EarthMover { get; init => field = Check(value, nameof(EarthMover)); }

    /// <summary>
    /// The weights that recover tau and v_threshold with the surrogate gradient: matched-interval voltage 10, earth
    /// mover 0.1, every other component 0 (see docs/neuron.md for why the default mix does not).
    /// </summary>
    public static LossWeights Recovery { get; } = new()
    {
        Voltage = 0, SpikeCount = 0, SpikeTiming = 0, FiringRate = 0, MatchedVoltage = 10, EarthMover = 0.1,
    };

    /// <summary>The weight of one component (not <see cref="LossKind.Combined"/>).</summary>
    public double Of(LossKind kind) => kind switch
    {
        LossKind.Voltage => Voltage,
        LossKind.SubThreshold => SubThreshold,
        LossKind.SpikeCount => SpikeCount,
        LossKind.SpikeTiming => SpikeTiming,
        LossKind.FiringRate => FiringRate,
        LossKind.VanRossum => VanRossum,
        LossKind.VictorPurpura => VictorPurpura,
        LossKind.MatchedVoltage => MatchedVoltage,
        LossKind.EarthMover => EarthMover,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "LossWeights.Of: choose a single component, not Combined."),
    };

    private static double Check(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value,
            $"LossWeights: {name} must be a finite weight of at least 0, but was {LifParameters.Format(value)}.");
}
