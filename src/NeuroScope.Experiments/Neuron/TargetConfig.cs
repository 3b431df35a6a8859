namespace NeuroScope.Experiments.Neuron;

/// <summary>How a target trace is made: the true neuron, the grid, the input, the start, and optional seeded measurement noise.</summary>
public sealed record TargetConfig
{
    /// <summary>The true parameters; by default tau 25, v_rest −70, v_threshold −52, v_reset −75.</summary>
    public LifParameters Parameters { get; init => field = value ?? throw new ArgumentNullException(nameof(Parameters)); } = LifParameters.TargetDefault;

    /// <summary>The time grid; by default dt 0.1 ms over 100 ms.</summary>
    public TimeGrid Grid { get; init => field = value ?? throw new ArgumentNullException(nameof(Grid)); } = new();

    /// <summary>The input current; by default a constant 20 mV, at which the target neuron fires.</summary>
    public InputCurrent Current { get; init => field = value ?? throw new ArgumentNullException(nameof(Current)); } = InputCurrent.Constant(20.0);

    /// <summary>The initial condition; by default rest.</summary>
    public InitialCondition Initial { get; init; } = InitialCondition.Rest;

    /// <summary>The standard deviation (mV) of Gaussian noise added to every sample; 0 for a clean trace.</summary>
    public double NoiseStandardDeviation
    {
        get;
        init => field = double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(NoiseStandardDeviation), value,
            $"TargetConfig: NoiseStandardDeviation must be a finite voltage of at least 0 mV, but was {LifParameters.Format(value)}.");
    }

    /// <summary>The seed of the measurement noise.</summary>
    public int Seed { get; init; }

    /// <summary>Whether the target's threshold crossings are interpolated inside their steps.</summary>
    public bool InterpolateSpikes { get; init; }
}
