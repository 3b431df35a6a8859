namespace NeuroScope.Experiments.Fit;

/// <summary>
/// PDE residuals in the physics-informed way: derivatives of u with respect to its input taken exactly by the
/// engine (<see cref="Autograd.Grad{T}(IReadOnlyList{Tensor{T}}, IReadOnlyList{Tensor{T}}, IReadOnlyList{Tensor{T}?}?, bool)"/>
/// with createGraph), so the residual can be trained on and differentiated again.
/// </summary>
/// <remarks>
/// u maps each row of the points to one value independently, so the gradient of Σᵢ u(xᵢ) with respect to the points
/// has row i equal to ∇u(xᵢ): one backward pass gives every point's derivative.
/// </remarks>
public static class PdeResidual
{
    /// <summary>
    /// The residual at each point, shape [m, 1]: poisson1d u'' − g, helmholtz1d u'' + k²u − g, poisson2d u_xx + u_yy − g.
    /// </summary>
    /// <param name="pde">poisson1d, helmholtz1d or poisson2d (a <see cref="FitPde"/> name).</param>
    /// <param name="u">The function, mapping points [m, d] to values [m, 1] row by row (a network's Forward).</param>
    /// <param name="points">The collocation points [m, d] (d = 1, or 2 for poisson2d); they must require grad.</param>
    /// <param name="rhs">g at the points, shape [m, 1].</param>
    /// <param name="wavenumber">k of helmholtz1d.</param>
    public static Tensor<double> Compute(string pde, Func<Tensor<double>, Tensor<double>> u, Tensor<double> points, Tensor<double> rhs, double wavenumber = 1.0) =>
        Compute(FitPde.Get(pde), u, points, rhs, wavenumber);

    /// <summary>The residual of <paramref name="pde"/> at each point, shape [m, 1] (see the overload by name).</summary>
    public static Tensor<double> Compute(FitPde pde, Func<Tensor<double>, Tensor<double>> u, Tensor<double> points, Tensor<double> rhs, double wavenumber = 1.0)
    {
        ArgumentNullException.ThrowIfNull(pde);
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(rhs);
        if (!points.RequiresGrad)
            throw new ArgumentException("points must require grad: the residual differentiates u with respect to them.", nameof(points));
        int dimension = pde.Dimension;
        if (points.Rank != 2 || points.Size(1) != dimension)
            throw new ArgumentException($"points has shape {string.Join("x", points.Shape.ToArray())}; {pde} needs [m, {dimension}].", nameof(points));

        var value = u(points);
        var gradient = Autograd.Grad([value.Sum()], [points], null, createGraph: true)[0];
        Tensor<double> laplacian;
        if (dimension == 1)
            laplacian = SecondDerivative(gradient, points, 0);
        else
            laplacian = SecondDerivative(gradient.Slice(1, 0, 1), points, 0) + SecondDerivative(gradient.Slice(1, 1, 1), points, 1);
        return pde.Residual(laplacian, value, rhs, wavenumber);
    }

    // ∂/∂x_axis of a first derivative column, per point; zeros when it no longer depends on the points (a linear u).
    private static Tensor<double> SecondDerivative(Tensor<double> firstDerivative, Tensor<double> points, int axis)
    {
        if (!firstDerivative.RequiresGrad)
            return Tensor.Zeros<double>(points.Size(0), 1);
        var second = Autograd.Grad([firstDerivative.Sum()], [points], null, createGraph: true)[0];
        return points.Size(1) == 1 ? second : second.Slice(1, axis, 1);
    }
}
