namespace NeuroScope.Experiments.Copy;

/// <summary>Every epoch of the reward way: the sample, the output before the update, and the terms of the objective.</summary>
/// <param name="Input">x of each epoch.</param>
/// <param name="Output">y = w·x + b before that epoch's update.</param>
/// <param name="ErrorMargin">e = |y − x|.</param>
/// <param name="Reward">m·exp(−e/s) or m·(1 − e).</param>
/// <param name="Penalty">f·e where e &gt; t, else 0; the loss is Penalty − Reward.</param>
public sealed record CopyRewardTrace(double[] Input, double[] Output, double[] ErrorMargin, double[] Reward, double[] Penalty);
