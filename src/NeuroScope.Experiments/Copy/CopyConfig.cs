using System.Globalization;

namespace NeuroScope.Experiments.Copy;

/// <summary>
/// Settings of the copy experiment: a one-neuron linear model y = w·x + b that should learn the identity, trained
/// by MSE + SGD, by the reward-and-penalty objective, and without the engine. The defaults are the original settings.
/// </summary>
public sealed record CopyConfig
{
    /// <summary>Which ways to train.</summary>
    public CopyWay Way { get; init; } = CopyWay.All;

    /// <summary>The floating-point type of the engine ways (the framework-free way always computes in double).</summary>
    public CopyDtype Dtype { get; init; } = CopyDtype.Float32;

    /// <summary>Seed of the initial parameters and of the samples.</summary>
    public int Seed { get; init; }

    /// <summary>The SGD step size of every way.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Full-batch epochs of the MSE way.</summary>
    public int MseEpochs { get; init; } = 500;

    /// <summary>Integer training inputs of the MSE way, drawn uniformly from 0..10 inclusive; each target equals its input.</summary>
    public int MseSamples { get; init; } = 1000;

    /// <summary>Epochs of the reward way, one sample drawn uniformly from [0, 10) per epoch.</summary>
    public int RewardEpochs { get; init; } = 25_000;

    /// <summary>Samples of the framework-free way, each drawn uniformly from [0, 10) and used for one update.</summary>
    public int PureEpochs { get; init; } = 25_000;

    /// <summary>The reward term's shape: m·exp(−e/s) or m·(1 − e).</summary>
    public RewardShape RewardShape { get; init; } = RewardShape.Exp;

    /// <summary>m: the reward's scale.</summary>
    public double RewardM { get; init; } = 1;

    /// <summary>s: the error scale of the exponential reward (unused by the linear shape).</summary>
    public double RewardS { get; init; } = 100;

    /// <summary>f: the penalty's slope, penalty = f·e where e &gt; t.</summary>
    public double RewardF { get; init; } = 1.333;

    /// <summary>t: the error above which the penalty applies.</summary>
    public double RewardT { get; init; } = 0.01;

    /// <summary>Whether to also train the MSE way at 10, 50, 250, 500 epochs (lr 0.01) and 500, 5000 epochs (lr 0.001).</summary>
    public bool Sweep { get; init; }

    /// <summary>The inputs whose outputs are reported in float32 and float64.</summary>
    public IReadOnlyList<double> ProbeInputs { get; init; } = [1, 9, 123, 123_123_123_123];

    /// <summary>Whether <paramref name="way"/> is trained under this config.</summary>
    public bool Includes(CopyWay way) => Way == CopyWay.All || Way == way;

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field that is not allowed.</summary>
    public CopyConfig Validate()
    {
        if (!Enum.IsDefined(Way))
            throw new ConfigException("way", Way.ToString(), "allowed: all, mse, reward, pure");
        if (!Enum.IsDefined(Dtype))
            throw new ConfigException("dtype", Dtype.ToString(), "allowed: float32, float64");
        if (!Enum.IsDefined(RewardShape))
            throw new ConfigException("rewardShape", RewardShape.ToString(), "allowed: exp, linear");
        ConfigException.RequirePositive("learningRate", LearningRate);
        ConfigException.RequireRange("mseEpochs", MseEpochs, 1, 1_000_000);
        ConfigException.RequireRange("mseSamples", MseSamples, 1, 1_000_000);
        ConfigException.RequireRange("rewardEpochs", RewardEpochs, 1, 10_000_000);
        ConfigException.RequireRange("pureEpochs", PureEpochs, 1, 10_000_000);
        ConfigException.RequirePositive("rewardM", RewardM);
        ConfigException.RequirePositive("rewardS", RewardS);
        RequireNonNegative("rewardF", RewardF);
        RequireNonNegative("rewardT", RewardT);
        if (ProbeInputs is null || ProbeInputs.Count is < 1 or > 32)
            throw new ConfigException("probeInputs", ProbeInputs?.Count ?? 0, "give 1 to 32 inputs");
        for (int i = 0; i < ProbeInputs.Count; i++)
            if (!double.IsFinite(ProbeInputs[i]) || Math.Abs(ProbeInputs[i]) > 1e30)
                throw new ConfigException($"probeInputs[{i}]", ProbeInputs[i], "each input must be a finite number of magnitude at most 1e30 (float32 holds about 3.4e38)");
        return this;
    }

    private static void RequireNonNegative(string field, double value)
    {
        if (!(value >= 0) || !double.IsFinite(value))
            throw new ConfigException(field, value, "it must be a finite number ≥ 0");
    }

    /// <summary>The reward objective's settings as one line, e.g. "exp: m=1, s=100, f=1.333, t=0.01".</summary>
    public string DescribeReward() => RewardShape == RewardShape.Exp
        ? string.Create(CultureInfo.InvariantCulture, $"exp: m={RewardM}, s={RewardS}, f={RewardF}, t={RewardT}")
        : string.Create(CultureInfo.InvariantCulture, $"linear: m={RewardM}, f={RewardF}, t={RewardT}");
}
