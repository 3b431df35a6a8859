using System.Numerics;

namespace NeuroScope.Diagnostics;

/// <summary>A 2-D slice of the loss landscape: L(θ + α·d + β·e) on a grid of (α, β).</summary>
/// <param name="Alphas">The grid of coefficients α along <paramref name="FirstDirection"/>, ascending.</param>
/// <param name="Betas">The grid of coefficients β along <paramref name="SecondDirection"/>, ascending.</param>
/// <param name="Losses">Losses[i, j] is the loss at (Alphas[i], Betas[j]).</param>
/// <param name="FirstDirection">The direction d, flat over the parameters.</param>
/// <param name="SecondDirection">The direction e, flat over the parameters.</param>
public sealed record LossSurface<T>(double[] Alphas, double[] Betas, double[,] Losses, Tensor<T> FirstDirection, Tensor<T> SecondDirection)
    where T : unmanaged, IFloatingPointIeee754<T>;
