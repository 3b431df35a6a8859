namespace NeuroScope.Experiments.Neuron;

/// <summary>What a loss's differentiable form is computed from: the surrogate simulation, its parameter tensors, the target and the loss settings.</summary>
/// <param name="Trace">The simulation recorded in tensor ops.</param>
/// <param name="Parameters">The parameter tensors the trace was simulated with.</param>
/// <param name="Target">The target trace and spikes (same grid).</param>
/// <param name="Settings">The loss settings (weights, scales, tolerances).</param>
public sealed record SurrogateLossInput(DifferentiableTrace Trace, LifParameterTensors Parameters, NeuronTarget Target, LossSettings Settings);
