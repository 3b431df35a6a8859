namespace NeuroScope.Experiments.Dose;

/// <summary>The exact minimizer of the piecewise-quadratic training loss L(b) = Σᵢ (relu(sᵢ + b) − yᵢ)².</summary>
/// <param name="Bias">The minimizing final bias (the lowest one when the minimum is a flat interval).</param>
/// <param name="Loss">The loss there.</param>
/// <param name="ActiveDoses">How many doses have sᵢ + b &gt; 0 at the minimizer, i.e. pass the final ReLU.</param>
public sealed record DoseMinimum(double Bias, double Loss, int ActiveDoses);
