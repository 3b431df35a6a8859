using System.Numerics;

namespace NeuroScope.Diagnostics;

/// <summary>The largest Hessian eigenvalues found by the Lanczos method, with their Ritz vectors.</summary>
/// <param name="Eigenvalues">The k largest Ritz values, in descending order.</param>
/// <param name="Eigenvectors">The matching unit Ritz vectors, flat over the parameters.</param>
/// <param name="Residuals">‖Hv − λv‖ of each Ritz pair (by the Lanczos bound |βₘ·yₘ|): small means converged.</param>
/// <param name="Iterations">The number of Hessian-vector products taken (the Krylov dimension m).</param>
public sealed record LanczosResult<T>(double[] Eigenvalues, Tensor<T>[] Eigenvectors, double[] Residuals, int Iterations)
    where T : unmanaged, IFloatingPointIeee754<T>;
