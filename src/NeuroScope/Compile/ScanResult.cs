using System.Numerics;

namespace NeuroScope.Compile;

/// <summary>What a <see cref="Scan{T}"/> run returns, differentiable with respect to its initial carry, sequences and constants.</summary>
/// <param name="Carry">The carry after the last step.</param>
/// <param name="Outputs">Each step output stacked: shape [length, ...the step's shape], entry k from step k.</param>
public sealed record ScanResult<T>(Tensor<T>[] Carry, Tensor<T>[] Outputs) where T : unmanaged, IFloatingPointIeee754<T>;
