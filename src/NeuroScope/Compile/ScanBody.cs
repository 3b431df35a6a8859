using System.Numerics;

namespace NeuroScope.Compile;

/// <summary>
/// One step of a <see cref="Scan{T}"/>: from the carry before the step, this step's slice of each sequence and the
/// loop's constants, the carry after the step (same shapes) and the step's outputs (stacked by the loop).
/// </summary>
/// <remarks>
/// The body is traced once per set of shapes, so it follows the rules of a compiled function: tensor operations only,
/// no reading of values, data-dependent choices written with <see cref="Tensor.Where{T}"/>. Tensors it captures are
/// constants read in place on every run and get no gradient; a tensor whose gradient is wanted is passed in
/// <paramref name="constants"/>.
/// </remarks>
public delegate ScanStep<T> ScanBody<T>(Tensor<T>[] carry, Tensor<T>[] x, Tensor<T>[] constants)
    where T : unmanaged, IFloatingPointIeee754<T>;
