using System.Numerics;

namespace NeuroScope.Compile;

/// <summary>What one step of a <see cref="Scan{T}"/> returns: the next carry (the shapes it came in with) and this step's outputs.</summary>
/// <param name="Carry">The carry after the step, one tensor per carry that came in, each of the same shape.</param>
/// <param name="Outputs">This step's outputs; the loop stacks each along a new first axis of the loop's length.</param>
public sealed record ScanStep<T>(Tensor<T>[] Carry, Tensor<T>[] Outputs) where T : unmanaged, IFloatingPointIeee754<T>;
