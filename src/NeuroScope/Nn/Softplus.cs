using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>Element-wise softplus as a module, y = log(1 + eˣ) (computed stably); dy/dx = sigmoid(x).</summary>
public sealed class Softplus<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Softplus();
    }
}
