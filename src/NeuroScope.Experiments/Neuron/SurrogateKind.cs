namespace NeuroScope.Experiments.Neuron;

/// <summary>The smooth stand-in for the Heaviside step's derivative in the backward pass (the shapes of snnTorch).</summary>
public enum SurrogateKind
{
    /// <summary>Fast sigmoid: dS/dx = 1/(slope·|x| + 1)², slope 25 by default.</summary>
    FastSigmoid,

    /// <summary>Arctangent: dS/dx = (α/2)/(1 + (π·α·x/2)²), α 2 by default.</summary>
    Atan,
}
