namespace NeuroScope.Experiments.Neuron;

/// <summary>One point of a fit's history: the loss and (when computed) the gradient at the parameters of that iteration.</summary>
/// <param name="Iteration">0 for the initial point, then one per optimizer step.</param>
/// <param name="Loss">The loss at <see cref="Values"/>.</param>
/// <param name="Values">The fitted parameters' values, in the order of the fit's names.</param>
/// <param name="Gradient">∂L/∂θ at <see cref="Values"/>, or null at a final point where only the loss was needed.</param>
public sealed record FitStep(int Iteration, double Loss, double[] Values, double[]? Gradient);
