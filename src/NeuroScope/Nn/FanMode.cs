namespace NeuroScope.Nn;

/// <summary>Which fan the Kaiming initializers normalize by, as PyTorch's <c>mode</c> argument.</summary>
public enum FanMode
{
    /// <summary>The number of inputs per output unit: keeps the variance of activations in the forward pass.</summary>
    FanIn,

    /// <summary>The number of outputs per input unit: keeps the variance of gradients in the backward pass.</summary>
    FanOut,
}
