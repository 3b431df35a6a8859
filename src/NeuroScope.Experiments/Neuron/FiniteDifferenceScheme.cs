namespace NeuroScope.Experiments.Neuron;

/// <summary>A finite-difference formula for ∂L/∂θ with step h.</summary>
public enum FiniteDifferenceScheme
{
    /// <summary>(L(θ + h) − L(θ))/h; error O(h).</summary>
    Forward,

    /// <summary>(L(θ) − L(θ − h))/h; error O(h).</summary>
    Backward,

    /// <summary>(L(θ + h) − L(θ − h))/(2h); error O(h²).</summary>
    Central,
}
