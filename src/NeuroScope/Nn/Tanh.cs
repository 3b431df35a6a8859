using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>Element-wise hyperbolic tangent as a module, y = tanh x; dy/dx = 1 − y².</summary>
public sealed class Tanh<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Tanh();
    }
}
