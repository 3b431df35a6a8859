using System.Numerics;

namespace NeuroScope.Diagnostics;

/// <summary>A 1-D slice of the loss landscape: L(θ + α·d) on a grid of α.</summary>
/// <param name="Alphas">The grid of coefficients α, ascending.</param>
/// <param name="Losses">The loss at each α.</param>
/// <param name="Direction">The direction d used, flat over the parameters.</param>
public sealed record LossLine<T>(double[] Alphas, double[] Losses, Tensor<T> Direction)
    where T : unmanaged, IFloatingPointIeee754<T>;
