namespace NeuroScope.Experiments.Dose;

/// <summary>The training loss L(b) = Σᵢ (relu(sᵢ + b) − yᵢ)² over the three doses, as the net computes it, on a grid of final biases.</summary>
/// <param name="Biases">The final biases, increasing.</param>
/// <param name="Losses">The total loss at each bias.</param>
public sealed record BiasLossCurve(IReadOnlyList<double> Biases, IReadOnlyList<double> Losses);
