namespace NeuroScope.Experiments.Neuron;

/// <summary>The settings of the losses: combined weights, the spike-timing cap, the spike-train distances' scales and the reset tolerance.</summary>
public sealed record LossSettings
{
    /// <summary>The weights of the combined loss.</summary>
    public LossWeights Weights { get; init => field = value ?? throw new ArgumentNullException(nameof(Weights)); } = new();

    /// <summary>max_delay (ms): a target spike farther than this from every simulated spike costs max_delay².</summary>
    public double MaxDelay { get; init => field = CheckPositive(value, nameof(MaxDelay), "ms"); } = 10.0;

    /// <summary>The time constant (ms) of the exponential kernel in the van Rossum distance.</summary>
    public double VanRossumTau { get; init => field = CheckPositive(value, nameof(VanRossumTau), "ms"); } = 10.0;

    /// <summary>The Victor–Purpura cost per ms of moving a spike (moving by more than 2/cost costs more than deleting and inserting).</summary>
    public double VictorPurpuraCost
    {
        get;
        init => field = double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(VictorPurpuraCost), value,
            $"LossSettings: VictorPurpuraCost must be a finite cost of at least 0 per ms, but was {LifParameters.Format(value)}.");
    } = 0.1;

    /// <summary>A sample within this many mV of v_reset counts as "at reset" for the sub-threshold loss.</summary>
    public double ResetTolerance
    {
        get;
        init => field = double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(ResetTolerance), value,
            $"LossSettings: ResetTolerance must be a finite voltage of at least 0 mV, but was {LifParameters.Format(value)}.");
    } = 1e-6;

    private static double CheckPositive(double value, string name, string unit) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value,
            $"LossSettings: {name} must be a finite number greater than 0 {unit}, but was {LifParameters.Format(value)}.");
}
