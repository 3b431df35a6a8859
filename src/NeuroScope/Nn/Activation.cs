namespace NeuroScope.Nn;

/// <summary>The element-wise nonlinearities a network can be built with; <see cref="Activations"/> creates and parses them.</summary>
public enum Activation
{
    /// <summary>tanh x, see <see cref="Tanh{T}"/>.</summary>
    Tanh,

    /// <summary>max(x, 0), see <see cref="Relu{T}"/>.</summary>
    Relu,

    /// <summary>1/(1 + e⁻ˣ), see <see cref="Sigmoid{T}"/>.</summary>
    Sigmoid,

    /// <summary>log(1 + eˣ), see <see cref="Softplus{T}"/>.</summary>
    Softplus,

    /// <summary>x, see <see cref="Identity{T}"/>.</summary>
    Identity,
}
