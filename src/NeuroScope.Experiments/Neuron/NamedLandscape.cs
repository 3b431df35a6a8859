namespace NeuroScope.Experiments.Neuron;

/// <summary>A 1-D landscape with the name of the loss it sweeps.</summary>
/// <param name="Loss">The loss's name, for titles ("voltage MSE").</param>
/// <param name="Landscape">The sweep.</param>
/// <param name="TrueValue">The swept parameter's true value.</param>
public sealed record NamedLandscape(string Loss, Landscape1D Landscape, double TrueValue);
