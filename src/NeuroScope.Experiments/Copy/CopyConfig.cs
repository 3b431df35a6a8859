using System.Globalization;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Copy;

/// <summary>
/// Settings of the copy experiment: a one-neuron linear model y = w·x + b that should learn the identity, trained
/// by MSE + SGD, by the reward-and-penalty objective, and without the engine. The defaults are the original settings.
/// </summary>
public sealed record CopyConfig
{
    /// <summary>Which ways to train.</summary>
    [Option("Which ways to train: mse, reward, pure or all.")]
    public CopyWay Way { get; init; } = CopyWay.All;

    /// <summary>The floating-point type of the engine ways (the framework-free way always computes in double).</summary>
    [Option("Floating-point type of the engine ways; the framework-free way always computes in float64.")]
    public CopyDtype Dtype { get; init; } = CopyDtype.Float32;

    /// <summary>Seed of the initial parameters and of the samples.</summary>
    [Option("Seed of the initial parameters and the samples.")]
    public int Seed { get; init; }

    /// <summary>The SGD step size of every way.</summary>
    [Option("SGD step size of every way.", Min = 0, MinExclusive = true)]
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Full-batch epochs of the MSE way.</summary>
    [Option("Full-batch epochs of the MSE way.", Min = 1, Max = 1_000_000)]
    public int MseEpochs { get; init; } = 500;

    /// <summary>Integer training inputs of the MSE way, drawn uniformly from 0..10 inclusive; each target equals its input.</summary>
    [Option("Integer training inputs of the MSE way, drawn from 0..10.", Min = 1, Max = 1_000_000)]
    public int MseSamples { get; init; } = 1000;

    /// <summary>Epochs of the reward way, one sample drawn uniformly from [0, 10) per epoch.</summary>
    // Every epoch is kept for reward_epochs.csv and the plots: a million epochs is about 100 MB of CSV.
    [Option("Epochs of the reward way, one sample each (each is kept for reward_epochs.csv).", Min = 1, Max = 1_000_000)]
    public int RewardEpochs { get; init; } = 25_000;

    /// <summary>Samples of the framework-free way, each drawn uniformly from [0, 10) and used for one update.</summary>
    [Option("Samples of the framework-free way, one update each.", Min = 1, Max = 10_000_000)]
    public int PureEpochs { get; init; } = 25_000;

    /// <summary>The reward term's shape: m·exp(−e/s) or m·(1 − e).</summary>
    [Option("Reward term: exp (m·exp(−e/s)) or linear (m·(1 − e)).")]
    public RewardShape RewardShape { get; init; } = RewardShape.Exp;

    /// <summary>m: the reward's scale.</summary>
    // Beyond 1e6 the float32 reward and penalty overflow on the first sample, which would read as a diverged learning rate.
    [Option("m, the reward's scale.", Min = 0, MinExclusive = true, Max = 1e6)]
    public double RewardM { get; init; } = 1;

    /// <summary>s: the error scale of the exponential reward (unused by the linear shape).</summary>
    [Option("s, the exponential reward's error scale.", Min = 0, MinExclusive = true, Max = 1e6)]
    public double RewardS { get; init; } = 100;

    /// <summary>f: the penalty's slope, penalty = f·e where e &gt; t.</summary>
    [Option("f, the penalty's slope.", Min = 0, Max = 1e6)]
    public double RewardF { get; init; } = 1.333;

    /// <summary>t: the error above which the penalty applies.</summary>
    [Option("t, the error above which the penalty applies.", Min = 0, Max = 1e6)]
    public double RewardT { get; init; } = 0.01;

    /// <summary>Whether to also train the MSE way at 10, 50, 250, 500 epochs (lr 0.01) and 500, 5000 epochs (lr 0.001).</summary>
    [Option("Also train the MSE way at 10, 50, 250, 500 epochs (lr 0.01) and 500, 5000 epochs (lr 0.001).")]
    public bool Sweep { get; init; }

    /// <summary>The inputs whose outputs are reported in float32 and float64.</summary>
    [Option("The inputs whose outputs are reported in float32 and float64 (1 to 32 of them).", Min = -1e30, Max = 1e30)]
    public IReadOnlyList<double> ProbeInputs { get; init; } = [1, 9, 123, 123_123_123_123];

    /// <summary>Whether <paramref name="way"/> is trained under this config.</summary>
    public bool Includes(CopyWay way) => Way == CopyWay.All || Way == way;

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field that is not allowed.</summary>
    public CopyConfig Validate()
    {
        OptionSet.For<CopyConfig>().Validate(this);
        if (ProbeInputs is null || ProbeInputs.Count is < 1 or > 32)
            throw new ConfigException("probeInputs", ProbeInputs?.Count ?? 0, "give 1 to 32 inputs");
        return this;
    }

    /// <summary>The reward objective's settings as one line, e.g. "exp: m=1, s=100, f=1.333, t=0.01".</summary>
    public string DescribeReward() => RewardShape == RewardShape.Exp
        ? string.Create(CultureInfo.InvariantCulture, $"exp: m={RewardM}, s={RewardS}, f={RewardF}, t={RewardT}")
        : string.Create(CultureInfo.InvariantCulture, $"linear: m={RewardM}, f={RewardF}, t={RewardT}");
}
