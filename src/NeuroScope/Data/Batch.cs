using System.Numerics;

namespace NeuroScope.Data;

/// <summary>One batch from a data loader: inputs and targets with the batch as the first dimension.</summary>
/// <param name="Inputs">The inputs, shape [batch, …].</param>
/// <param name="Targets">The targets, shape [batch, …].</param>
public sealed record Batch<T>(Tensor<T> Inputs, Tensor<T> Targets) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of samples in the batch.</summary>
    public int Count => Inputs.Size(0);
}
