namespace NeuroScope.Experiments.Neuron;

/// <summary>What <see cref="NeuronExperiment.Run"/> does.</summary>
public enum NeuronMode
{
    /// <summary>The recovery demo: the surrogate fit recovers tau and v_threshold, with the finite-difference fits and the tutorial's voltage loss beside it.</summary>
    Demo,

    /// <summary>The silent-neuron demo: at a current where the target never fires, v_threshold has no gradient and cannot be recovered.</summary>
    Silent,

    /// <summary>Simulates the initial and the target neuron under the current.</summary>
    Simulate,

    /// <summary>Loss landscapes through the initial point: a 1-D sweep per parameter and a 2-D grid over the first two.</summary>
    Landscape,

    /// <summary>One fit with the configured parameters, gradient source and optimizer.</summary>
    Fit,
}
