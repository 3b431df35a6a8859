namespace NeuroScope.Experiments.Copy;

/// <summary>The shape of the reward term of the reward-and-penalty objective, with error e = |y − x|.</summary>
public enum RewardShape
{
    /// <summary>reward = m·exp(−e/s): bounded by m, never negative, with gradient m·exp(−e/s)/s.</summary>
    Exp,

    /// <summary>reward = m·(1 − e): the first shape tried, whose gradient m never fades.</summary>
    Linear,
}
