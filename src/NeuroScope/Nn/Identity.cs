using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>The identity as a module, y = x (the same tensor); a placeholder where a layer is optional.</summary>
public sealed class Identity<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input;
    }
}
