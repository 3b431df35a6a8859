namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// How the differentiable reset V ← V − s·(V − v_reset) passes gradients through the spike s = H(V − v_threshold).
/// </summary>
public enum ResetGradient
{
    /// <summary>
    /// s is detached in the reset, as snnTorch does by default: ∂V⁺/∂V = 1 − s and ∂V⁺/∂v_reset = s. Below threshold
    /// the gradient is then exactly the model's, and v_threshold receives gradient only through losses on the spikes
    /// themselves (count, rate).
    /// </summary>
    Detached,

    /// <summary>
    /// The surrogate also flows through the reset: ∂V⁺/∂v_threshold = (V − v_reset)·S′(V − v_threshold). This gives a
    /// voltage loss a gradient in v_threshold, at the price of a small spurious one even where no spike occurs,
    /// because the surrogate S′ is nowhere zero.
    /// </summary>
    Full,
}
