using System.Numerics;

namespace NeuroScope.Diagnostics;

/// <summary>
/// Curvature diagnostics of a scalar loss L(θ) with respect to a list of parameter tensors, as used to measure
/// sharpness and the edge of stability (PyHessian, Yao et al. 2020; Cohen et al. 2021): exact Hessian-vector
/// products, the top eigenpair by power iteration, the top-k spectrum by Lanczos, the trace by Hutchinson's
/// estimator, and the full Hessian of small models. Vectors are flat over all parameters (see <see cref="ParameterVector"/>).
/// </summary>
/// <remarks>
/// Each overload that takes a loss closure builds a <see cref="HessianOperator{T}"/> (one forward and one
/// first-order backward pass); to run several diagnostics at one point, build the operator once and pass it instead.
/// The solvers accumulate in double whatever the parameters' element type is.
/// </remarks>
public static class Hessian
{
    /// <summary>The largest dimension <see cref="Full{T}(HessianOperator{T})"/> accepts: n products and an n×n matrix of doubles (128 MiB).</summary>
    public const int MaxFullDimension = 4096;

    /// <summary>The exact Hessian-vector product Hv = ∇(∇L·v) at the parameters' current values, as a flat vector.</summary>
    /// <param name="loss">Computes the scalar loss from <paramref name="parameters"/> with tensor operations.</param>
    /// <param name="parameters">The tensors the Hessian is taken over; each must require grad.</param>
    /// <param name="vector">A flat vector over all parameters, concatenated in order.</param>
    public static Tensor<T> VectorProduct<T>(Func<Tensor<T>> loss, IReadOnlyList<Tensor<T>> parameters, Tensor<T> vector)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(vector);
        ParameterVector.RequireLength(vector, ParameterVector.TotalLength(parameters), nameof(vector));
        return new HessianOperator<T>(loss, parameters).Multiply(vector);
    }

    /// <summary>The dominant eigenpair of H at the parameters' current values by power iteration; see <see cref="PowerIteration{T}(HessianOperator{T}, Tensor{T}?, int, double, int)"/>.</summary>
    public static PowerIterationResult<T> PowerIteration<T>(Func<Tensor<T>> loss, IReadOnlyList<Tensor<T>> parameters,
        Tensor<T>? initialVector = null, int maxIterations = 100, double tolerance = 1e-4, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidatePowerIteration(maxIterations, tolerance);
        return PowerIteration(new HessianOperator<T>(loss, parameters), initialVector, maxIterations, tolerance, seed);
    }

    /// <summary>
    /// The dominant eigenpair of H by power iteration: v ← Hv/‖Hv‖, with λ = vᵀHv, until |λₖ − λₖ₋₁| ≤ tolerance·|λₖ|
    /// or <paramref name="maxIterations"/> products. λ is the eigenvalue of largest magnitude (the top eigenvalue
    /// whenever the spectrum's positive end dominates, as it does along training).
    /// </summary>
    /// <param name="hessian">The Hessian at one point.</param>
    /// <param name="initialVector">A warm start (e.g. the previous eigenvector), flat over the parameters; null for a seeded Gaussian vector.</param>
    /// <param name="maxIterations">The most Hessian-vector products to take (at least 1).</param>
    /// <param name="tolerance">The relative change of λ between iterations that counts as converged (non-negative).</param>
    /// <param name="seed">Seeds the random start when <paramref name="initialVector"/> is null.</param>
    public static PowerIterationResult<T> PowerIteration<T>(HessianOperator<T> hessian, Tensor<T>? initialVector = null,
        int maxIterations = 100, double tolerance = 1e-4, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(hessian);
        ValidatePowerIteration(maxIterations, tolerance);
        var v = StartVector(hessian.Dimension, initialVector, nameof(initialVector), seed);

        double eigenvalue = double.NaN;
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            var w = hessian.Multiply(v);
            double previous = eigenvalue;
            eigenvalue = DenseVector.Dot(v, w);
            double norm = DenseVector.Norm(w);
            if (!double.IsFinite(norm))
                throw new InvalidOperationException($"Power iteration: the Hessian-vector product became non-finite at iteration {iteration}; the loss or its derivatives overflow at these parameters.");
            if (norm == 0)
                return new PowerIterationResult<T>(0.0, DenseVector.ToTensor<T>(v), iteration, true);
            DenseVector.Scale(w, 1.0 / norm);
            v = w;
            if (iteration > 1 && Math.Abs(eigenvalue - previous) <= tolerance * Math.Abs(eigenvalue))
                return new PowerIterationResult<T>(eigenvalue, DenseVector.ToTensor<T>(v), iteration, true);
        }
        return new PowerIterationResult<T>(eigenvalue, DenseVector.ToTensor<T>(v), maxIterations, false);
    }

    /// <summary>The <paramref name="count"/> largest eigenvalues of H at the parameters' current values by Lanczos; see <see cref="Lanczos{T}(HessianOperator{T}, int, int?, int)"/>.</summary>
    public static LanczosResult<T> Lanczos<T>(Func<Tensor<T>> loss, IReadOnlyList<Tensor<T>> parameters, int count,
        int? iterations = null, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateLanczos(ParameterVector.TotalLength(parameters), count, iterations);
        return Lanczos(new HessianOperator<T>(loss, parameters), count, iterations, seed);
    }

    /// <summary>
    /// The <paramref name="count"/> largest (algebraic) eigenvalues of H and their Ritz vectors by the Lanczos method
    /// with full reorthogonalization: m products build an orthonormal Krylov basis Q and the tridiagonal T = QᵀHQ,
    /// whose eigenpairs (by implicit QL) give the Ritz pairs. With m = n the values are exact up to rounding.
    /// </summary>
    /// <param name="hessian">The Hessian at one point.</param>
    /// <param name="count">How many eigenvalues k to return (1 ≤ k ≤ n).</param>
    /// <param name="iterations">The Krylov dimension m (k ≤ m; values above n are capped at n); null for min(n, max(2k + 20, 30)).</param>
    /// <param name="seed">Seeds the random start vector (and restart vectors when the Krylov space closes early).</param>
    public static LanczosResult<T> Lanczos<T>(HessianOperator<T> hessian, int count, int? iterations = null, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(hessian);
        int n = hessian.Dimension;
        ValidateLanczos(n, count, iterations);
        int m = Math.Min(n, iterations ?? Math.Max(2 * count + 20, 30));

        var random = new Random(seed);
        var basis = new double[m][];
        var alpha = new double[m];
        var beta = new double[m];
        basis[0] = Normalized(DenseVector.Gaussian(n, random));
        double scale = 0;
        for (int j = 0; j < m; j++)
        {
            var w = hessian.Multiply(basis[j]);
            alpha[j] = DenseVector.Dot(basis[j], w);
            scale = Math.Max(scale, Math.Abs(alpha[j]) + (j > 0 ? beta[j - 1] : 0));
            DenseVector.AddScaled(w, -alpha[j], basis[j]);
            if (j > 0)
                DenseVector.AddScaled(w, -beta[j - 1], basis[j - 1]);
            // Full reorthogonalization keeps Q orthonormal, so no spurious copies of converged eigenvalues appear.
            DenseVector.Orthogonalize(w, basis, j + 1);
            beta[j] = DenseVector.Norm(w);
            if (!double.IsFinite(beta[j]))
                throw new InvalidOperationException($"Lanczos: the Hessian-vector product became non-finite at iteration {j + 1}; the loss or its derivatives overflow at these parameters.");
            if (j + 1 == m)
                break;
            if (beta[j] <= 1e-10 * scale)
            {
                // The Krylov space is invariant under H: its eigenvalues are exact. Continue in a fresh random
                // direction orthogonal to it (β = 0 decouples the blocks), so the remaining eigenvalues are still found.
                beta[j] = 0;
                w = DenseVector.Gaussian(n, random);
                DenseVector.Orthogonalize(w, basis, j + 1);
                basis[j + 1] = Normalized(w);
            }
            else
            {
                DenseVector.Scale(w, 1.0 / beta[j]);
                basis[j + 1] = w;
            }
        }

        var (values, vectors) = TridiagonalEigen.Decompose(alpha, beta[..(m - 1)]);
        var eigenvalues = new double[count];
        var eigenvectors = new Tensor<T>[count];
        var residuals = new double[count];
        for (int r = 0; r < count; r++)
        {
            int column = m - 1 - r;
            eigenvalues[r] = values[column];
            residuals[r] = Math.Abs(beta[m - 1] * vectors[m - 1, column]);
            var ritz = new double[n];
            for (int j = 0; j < m; j++)
                DenseVector.AddScaled(ritz, vectors[j, column], basis[j]);
            eigenvectors[r] = DenseVector.ToTensor<T>(ritz);
        }
        return new LanczosResult<T>(eigenvalues, eigenvectors, residuals, m);
    }

    /// <summary>Hutchinson's estimate of tr(H) at the parameters' current values; see <see cref="Trace{T}(HessianOperator{T}, int, int)"/>.</summary>
    public static TraceEstimate Trace<T>(Func<Tensor<T>> loss, IReadOnlyList<Tensor<T>> parameters, int samples = 100, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateSamples(samples);
        return Trace(new HessianOperator<T>(loss, parameters), samples, seed);
    }

    /// <summary>
    /// Hutchinson's estimate of tr(H): the mean of zᵀHz over <paramref name="samples"/> Rademacher vectors z
    /// (entries ±1 with equal probability, so E[zzᵀ] = I), with its standard error.
    /// </summary>
    /// <param name="hessian">The Hessian at one point.</param>
    /// <param name="samples">The number of products to average (at least 2, for the standard error).</param>
    /// <param name="seed">Seeds the Rademacher vectors.</param>
    public static TraceEstimate Trace<T>(HessianOperator<T> hessian, int samples = 100, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(hessian);
        ValidateSamples(samples);
        var random = new Random(seed);
        var z = new double[hessian.Dimension];
        double mean = 0, sumSquares = 0;
        for (int s = 1; s <= samples; s++)
        {
            for (int i = 0; i < z.Length; i++)
                z[i] = random.Next(2) == 0 ? -1.0 : 1.0;
            double value = DenseVector.Dot(z, hessian.Multiply(z));
            // Welford's update: stable mean and sum of squared deviations in one pass.
            double delta = value - mean;
            mean += delta / s;
            sumSquares += delta * (value - mean);
        }
        double standardError = Math.Sqrt(sumSquares / (samples - 1) / samples);
        return new TraceEstimate(mean, standardError, samples);
    }

    /// <summary>The full Hessian at the parameters' current values; see <see cref="Full{T}(HessianOperator{T})"/>.</summary>
    public static double[,] Full<T>(Func<Tensor<T>> loss, IReadOnlyList<Tensor<T>> parameters)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ValidateFull(ParameterVector.TotalLength(parameters), nameof(parameters));
        return Full(new HessianOperator<T>(loss, parameters));
    }

    /// <summary>
    /// The full n×n Hessian, column j being He_j (n products), for checking the iterative methods on small models
    /// (n ≤ <see cref="MaxFullDimension"/>). It is returned as computed, not symmetrized, so its asymmetry measures rounding.
    /// </summary>
    public static double[,] Full<T>(HessianOperator<T> hessian) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(hessian);
        int n = hessian.Dimension;
        ValidateFull(n, nameof(hessian));
        var result = new double[n, n];
        var unit = new double[n];
        for (int j = 0; j < n; j++)
        {
            unit[j] = 1.0;
            var column = hessian.Multiply(unit);
            unit[j] = 0.0;
            for (int i = 0; i < n; i++)
                result[i, j] = column[i];
        }
        return result;
    }

    private static double[] StartVector<T>(int n, Tensor<T>? initialVector, string parameterName, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (initialVector is null)
            return Normalized(DenseVector.Gaussian(n, new Random(seed)));
        ParameterVector.RequireLength(initialVector, n, parameterName);
        var v = DenseVector.FromTensor(initialVector);
        double norm = DenseVector.Norm(v);
        if (!(norm > 0) || !double.IsFinite(norm))
            throw new ArgumentException($"{parameterName} has norm {norm}; a start vector must be finite and non-zero.", parameterName);
        DenseVector.Scale(v, 1.0 / norm);
        return v;
    }

    private static double[] Normalized(double[] v)
    {
        DenseVector.Scale(v, 1.0 / DenseVector.Norm(v));
        return v;
    }

    private static void ValidatePowerIteration(int maxIterations, double tolerance)
    {
        if (maxIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, $"maxIterations is {maxIterations}; it must be at least 1.");
        if (!(tolerance >= 0) || double.IsInfinity(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"tolerance is {tolerance}; it must be a finite number ≥ 0.");
    }

    private static void ValidateLanczos(int n, int count, int? iterations)
    {
        if (count < 1 || count > n)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count is {count}; it must be between 1 and the number of parameter elements ({n}).");
        if (iterations is int m && m < count)
            throw new ArgumentOutOfRangeException(nameof(iterations), m, $"iterations is {m}; the Krylov dimension must be at least count ({count}).");
    }

    private static void ValidateSamples(int samples)
    {
        if (samples < 2)
            throw new ArgumentOutOfRangeException(nameof(samples), samples, $"samples is {samples}; it must be at least 2 to estimate a standard error.");
    }

    private static void ValidateFull(int n, string parameterName)
    {
        if (n > MaxFullDimension)
            throw new ArgumentException($"The parameters have {n} elements; the full Hessian is built only for n ≤ {MaxFullDimension} (n products and n² doubles). Use PowerIteration, Lanczos or Trace instead.", parameterName);
    }
}
