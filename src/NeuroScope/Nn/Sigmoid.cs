using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>Element-wise logistic function as a module, y = 1/(1 + e⁻ˣ); dy/dx = y(1 − y).</summary>
public sealed class Sigmoid<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Sigmoid();
    }
}
