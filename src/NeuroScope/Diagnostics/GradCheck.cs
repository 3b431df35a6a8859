namespace NeuroScope.Diagnostics;

/// <summary>The outcome of a gradient check: the worst element-wise error of the first and second derivatives.</summary>
/// <param name="FirstOrderError">Largest |autodiff − finite difference| / max(1, |finite difference|) over all gradient elements.</param>
/// <param name="SecondOrderError">The same for the Hessian-vector product along a random direction (NaN when not checked).</param>
/// <param name="Tolerance">The tolerance both errors were held to.</param>
public sealed record GradCheckResult(double FirstOrderError, double SecondOrderError, double Tolerance)
{
    /// <summary>True when every checked error is within the tolerance.</summary>
    public bool Passed => FirstOrderError <= Tolerance && (double.IsNaN(SecondOrderError) || SecondOrderError <= Tolerance);

    /// <inheritdoc/>
    public override string ToString() =>
        $"first-order error {FirstOrderError:E2}, second-order error {SecondOrderError:E2} (tolerance {Tolerance:E0}): {(Passed ? "passed" : "FAILED")}";
}

/// <summary>
/// Checks autodiff against central finite differences, in double: the gradient of Σ w·f(x) for fixed random
/// weights w, and the gradient of the gradient (the Hessian-vector product along a random direction), so
/// both an op's rule and the differentiability of that rule are verified.
/// </summary>
public static class GradCheck
{
    /// <summary>Checks <paramref name="function"/> at <paramref name="inputs"/> (which are not modified).</summary>
    /// <param name="function">Any function of the inputs built from tensor operations.</param>
    /// <param name="inputs">Where to check; each is copied into a leaf that requires grad.</param>
    /// <param name="step">The finite-difference step h.</param>
    /// <param name="tolerance">The largest error that passes.</param>
    /// <param name="secondOrder">Also check the gradient of the gradient.</param>
    /// <param name="seed">Seeds the output weights and the direction of the second-order check.</param>
    public static GradCheckResult Check(Func<Tensor<double>[], Tensor<double>> function, IReadOnlyList<Tensor<double>> inputs,
        double step = 1e-5, double tolerance = 1e-6, bool secondOrder = true, int seed = 0)
    {
        var x = new Tensor<double>[inputs.Count];
        for (int i = 0; i < x.Length; i++)
            x[i] = inputs[i].Clone().RequireGrad();
        var random = new Random(seed);
        Tensor<double> sample;
        using (Autograd.NoGrad())
            sample = function(x);
        var weights = Tensor.Normal(sample.Dims, 0.0, 1.0, random);
        Tensor<double> Objective(Tensor<double>[] args) => (function(args) * weights).Sum();

        // First order: autodiff gradient against central differences of the objective.
        var analytic = Gradients(Objective, x, createGraph: secondOrder);
        double firstError = CompareWithDifferences(x, analytic, step, () =>
        {
            using var _ = Autograd.NoGrad();
            return Objective(x).Item();
        });

        if (!secondOrder)
            return new GradCheckResult(firstError, double.NaN, tolerance);

        // Second order: d/dx (∇f · v) by autodiff against central differences of the (autodiff) ∇f · v.
        var directions = new Tensor<double>[x.Length];
        for (int i = 0; i < x.Length; i++)
            directions[i] = Tensor.Normal(x[i].Dims, 0.0, 1.0, random);
        Tensor<double> Directional(Tensor<double>[] gradients)
        {
            var total = Tensor.Scalar(0.0);
            for (int i = 0; i < gradients.Length; i++)
                total += (gradients[i] * directions[i]).Sum();
            return total;
        }
        var directional = Directional(analytic);
        var hessianVector = directional.RequiresGrad
            ? Autograd.Grad([directional], x)
            : Array.ConvertAll(x, t => Tensor.ZerosLike(t));
        double secondError = CompareWithDifferences(x, hessianVector, step,
            () => Directional(Gradients(Objective, x, createGraph: false)).Item());
        return new GradCheckResult(firstError, secondError, tolerance);
    }

    private static Tensor<double>[] Gradients(Func<Tensor<double>[], Tensor<double>> objective, Tensor<double>[] x, bool createGraph)
    {
        var value = objective(x);
        return value.RequiresGrad
            ? Autograd.Grad([value], x, null, createGraph)
            : Array.ConvertAll(x, t => Tensor.ZerosLike(t));
    }

    private static double CompareWithDifferences(Tensor<double>[] x, Tensor<double>[] analytic, double step, Func<double> evaluate)
    {
        double worst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            var data = x[i].AsSpan();
            var expected = analytic[i].AsSpan();
            for (int e = 0; e < data.Length; e++)
            {
                double original = data[e];
                x[i].AsSpan()[e] = original + step;
                double plus = evaluate();
                x[i].AsSpan()[e] = original - step;
                double minus = evaluate();
                x[i].AsSpan()[e] = original;
                double numeric = (plus - minus) / (2 * step);
                double error = Math.Abs(expected[e] - numeric) / Math.Max(1.0, Math.Abs(numeric));
                if (double.IsNaN(error))
                    return double.PositiveInfinity;
                worst = Math.Max(worst, error);
            }
        }
        return worst;
    }
}
