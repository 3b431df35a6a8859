using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>Element-wise rectifier as a module, y = max(x, 0); dy/dx = 1 for x &gt; 0, else 0.</summary>
public sealed class Relu<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Relu();
    }
}
