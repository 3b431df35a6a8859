namespace NeuroScope.Experiments.Neuron;

/// <summary>A simulation recorded in tensor ops: the voltage and spike tensors (one entry per grid point) and the spike times of the forward pass.</summary>
/// <param name="Grid">The time grid.</param>
/// <param name="Voltage">V at each grid point, shape [Points], differentiable with respect to the parameter tensors.</param>
/// <param name="Spikes">The spike indicator s at each grid point (1 where step k − 1 crossed threshold, entry 0 is 0), shape [Points], with surrogate gradients.</param>
/// <param name="SpikeTimes">The spike times of the forward pass, ms.</param>
public sealed record DifferentiableTrace(TimeGrid Grid, Tensor<double> Voltage, Tensor<double> Spikes, double[] SpikeTimes);
