namespace NeuroScope.Experiments.Dose;

/// <summary>The net's output over doses for one value of the final bias.</summary>
/// <param name="Label">What the bias is ("before training", "plain loop", "trainer", "exact minimum").</param>
/// <param name="Bias">The final bias.</param>
/// <param name="Fine">The effectiveness at each dose of the fine grid.</param>
/// <param name="Grid">The effectiveness at each dose of the 11-point grid.</param>
public sealed record EffectivenessCurve(string Label, double Bias, IReadOnlyList<double> Fine, IReadOnlyList<double> Grid);
