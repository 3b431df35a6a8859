using System.Numerics;

namespace NeuroScope.Diagnostics;

/// <summary>The dominant Hessian eigenpair found by power iteration.</summary>
/// <param name="Eigenvalue">The Rayleigh quotient vᵀHv of the last iterate: the eigenvalue of largest magnitude (the sharpness when curvature is mostly positive).</param>
/// <param name="Eigenvector">The unit eigenvector estimate Hv/‖Hv‖, flat over the parameters; pass it back as the warm start of the next call.</param>
/// <param name="Iterations">The number of Hessian-vector products taken.</param>
/// <param name="Converged">True when the eigenvalue's relative change fell below the tolerance before the iteration cap.</param>
public sealed record PowerIterationResult<T>(double Eigenvalue, Tensor<T> Eigenvector, int Iterations, bool Converged)
    where T : unmanaged, IFloatingPointIeee754<T>;
