using NeuroScope.Diagnostics;

namespace NeuroScope.Tests.Diagnostics;

public class HessianTests
{
    // Linear least squares L(w) = ‖Xw − y‖²/N, whose Hessian is exactly 2XᵀX/N everywhere.
    private sealed class LeastSquares
    {
        public LeastSquares(int samples, int features, int seed)
        {
            X = Tensor.Normal([samples, features], 0.0, 1.0, seed);
            Y = Tensor.Normal([samples, 1], 0.0, 1.0, seed + 1);
            W = Tensor.Normal([features], 0.0, 1.0, seed + 2).RequireGrad();
        }

        public Tensor<double> X { get; }
        public Tensor<double> Y { get; }
        public Tensor<double> W { get; }
        public Tensor<double>[] Parameters => [W];

        public Tensor<double> Loss() => (X.MatMul(W.Reshape(W.Length, 1)) - Y).Square().Sum() / X.Size(0);

        public double[,] ExplicitHessian()
        {
            int n = X.Size(0), d = X.Size(1);
            var h = new double[d, d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                    for (int s = 0; s < n; s++)
                        h[i, j] += 2.0 * X[s, i] * X[s, j] / n;
            return h;
        }
    }

    // ½xᵀAx for a symmetric A: Hessian A, trace tr A.
    private static (Tensor<double> X, Func<Tensor<double>> Loss) Quadratic(double[,] a, int seed)
    {
        int n = a.GetLength(0);
        var matrix = Tensor.FromArray(a);
        var x = Tensor.Normal([n], 0.0, 1.0, seed).RequireGrad();
        return (x, () => 0.5 * x.Dot(matrix.MatMul(x.Reshape(n, 1)).Reshape(n)));
    }

    private static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
    {
        var difference = new double[actual.Length];
        for (int i = 0; i < difference.Length; i++)
            difference[i] = actual[i] - expected[i];
        return ExplicitMatrices.Norm(difference) / ExplicitMatrices.Norm(expected);
    }

    [Fact]
    public void PowerIteration_LeastSquares_MatchesTopEigenvalueOfExplicitHessian()
    {
        var problem = new LeastSquares(samples: 40, features: 5, seed: 1);
        var explicitHessian = problem.ExplicitHessian();
        double expected = ExplicitMatrices.JacobiEigenvalues(explicitHessian)[0];

        var result = Hessian.PowerIteration(problem.Loss, problem.Parameters, maxIterations: 1000, tolerance: 1e-12, seed: 3);

        Assert.True(result.Converged, $"not converged after {result.Iterations} iterations");
        Assert.True(Math.Abs(result.Eigenvalue - expected) / expected < 1e-6, $"power iteration {result.Eigenvalue}, explicit {expected}");
        var v = result.Eigenvector.AsSpan();
        var hv = ExplicitMatrices.Multiply(explicitHessian, v);
        for (int i = 0; i < hv.Length; i++)
            hv[i] -= expected * v[i];
        Assert.Equal(1.0, ExplicitMatrices.Norm(v), 12);
        Assert.True(ExplicitMatrices.Norm(hv) < 1e-4 * expected, $"‖Hv − λv‖ = {ExplicitMatrices.Norm(hv)}");
    }

    [Fact]
    public void PowerIteration_FloatLeastSquares_MatchesDoubleEigenvalue()
    {
        var problem = new LeastSquares(samples: 40, features: 5, seed: 1);
        double expected = ExplicitMatrices.JacobiEigenvalues(problem.ExplicitHessian())[0];
        var x = problem.X.ToFloat();
        var y = problem.Y.ToFloat();
        var w = problem.W.ToFloat().RequireGrad();
        Tensor<float> Loss() => (x.MatMul(w.Reshape(w.Length, 1)) - y).Square().Sum() / x.Size(0);

        var result = Hessian.PowerIteration(Loss, [w], maxIterations: 1000, tolerance: 1e-7, seed: 3);

        Assert.True(Math.Abs(result.Eigenvalue - expected) / expected < 1e-4, $"float power iteration {result.Eigenvalue}, explicit {expected}");
    }

    [Fact]
    public void PowerIteration_WarmStartFromEigenvector_ConvergesImmediately()
    {
        var problem = new LeastSquares(samples: 40, features: 5, seed: 1);
        var hessian = new HessianOperator<double>(problem.Loss, problem.Parameters);
        var cold = Hessian.PowerIteration(hessian, maxIterations: 1000, tolerance: 1e-12, seed: 3);

        var warm = Hessian.PowerIteration(hessian, cold.Eigenvector, maxIterations: 1000, tolerance: 1e-10);

        Assert.True(warm.Converged);
        Assert.True(warm.Iterations <= 3 && warm.Iterations < cold.Iterations, $"warm {warm.Iterations}, cold {cold.Iterations} iterations");
        Assert.Equal(cold.Eigenvalue, warm.Eigenvalue, 1e-9 * cold.Eigenvalue);
    }

    [Fact]
    public void PowerIteration_IterationCapReached_ReportsNotConverged()
    {
        var problem = new LeastSquares(samples: 40, features: 5, seed: 1);

        var result = Hessian.PowerIteration(problem.Loss, problem.Parameters, maxIterations: 2, tolerance: 0, seed: 3);

        Assert.False(result.Converged);
        Assert.Equal(2, result.Iterations);
    }

    [Fact]
    public void Lanczos_LeastSquares_TopEigenvaluesMatchExplicitSpectrum()
    {
        var problem = new LeastSquares(samples: 30, features: 8, seed: 5);
        var expected = ExplicitMatrices.JacobiEigenvalues(problem.ExplicitHessian());

        var result = Hessian.Lanczos(problem.Loss, problem.Parameters, count: 4, iterations: 8, seed: 2);

        Assert.Equal(8, result.Iterations);
        Assert.Equal(4, result.Eigenvalues.Length);
        for (int i = 0; i < 4; i++)
            Assert.True(Math.Abs(result.Eigenvalues[i] - expected[i]) / expected[i] < 1e-6, $"eigenvalue {i}: Lanczos {result.Eigenvalues[i]}, explicit {expected[i]}");
    }

    [Fact]
    public void Lanczos_FewerIterationsThanDimension_ReportsTrueResiduals()
    {
        var a = ExplicitMatrices.RandomSymmetric(30, seed: 7);
        var (x, loss) = Quadratic(a, seed: 8);

        var result = Hessian.Lanczos(loss, [x], count: 3, iterations: 20, seed: 1);

        for (int r = 0; r < 3; r++)
        {
            var v = result.Eigenvectors[r].AsSpan();
            var residual = ExplicitMatrices.Multiply(a, v);
            for (int i = 0; i < residual.Length; i++)
                residual[i] -= result.Eigenvalues[r] * v[i];
            Assert.Equal(1.0, ExplicitMatrices.Norm(v), 10);
            Assert.Equal(ExplicitMatrices.Norm(residual), result.Residuals[r], 1e-8);
        }
        Assert.True(result.Eigenvalues[0] >= result.Eigenvalues[1] && result.Eigenvalues[1] >= result.Eigenvalues[2]);
    }

    [Fact]
    public void Lanczos_KrylovSpaceClosesEarly_StillFindsEveryEigenvalue()
    {
        // A = diag(3, 3, 3, 1): a Krylov space from one start vector has dimension 2, so Lanczos must restart.
        var a = new double[4, 4];
        a[0, 0] = a[1, 1] = a[2, 2] = 3;
        a[3, 3] = 1;
        var (x, loss) = Quadratic(a, seed: 2);

        var result = Hessian.Lanczos(loss, [x], count: 4, iterations: 4, seed: 4);

        Assert.Equal([3.0, 3.0, 3.0, 1.0], result.Eigenvalues.Select(v => Math.Round(v, 10)));
    }

    [Fact]
    public void VectorProduct_SmallMlp_MatchesCentralDifferenceOfGradients()
    {
        var input = Tensor.Normal([6, 3], 0.0, 1.0, seed: 11);
        var target = Tensor.Normal([6, 2], 0.0, 1.0, seed: 12);
        var w1 = Tensor.Normal([4, 3], 0.0, 0.7, seed: 13).RequireGrad();
        var b1 = Tensor.Normal([4], 0.0, 0.3, seed: 14).RequireGrad();
        var w2 = Tensor.Normal([2, 4], 0.0, 0.7, seed: 15).RequireGrad();
        var b2 = Tensor.Normal([2], 0.0, 0.3, seed: 16).RequireGrad();
        Tensor<double>[] parameters = [w1, b1, w2, b2];
        Tensor<double> Loss() =>
            ((input.MatMul(w1, transposeOther: true) + b1).Tanh().MatMul(w2, transposeOther: true) + b2 - target).Square().Mean();
        int n = ParameterVector.TotalLength(parameters);
        var v = Tensor.Normal([n], 0.0, 1.0, seed: 17);
        const double h = 1e-5;
        double[] GradientAt(double shift)
        {
            var saved = ParameterVector.Flatten(parameters);
            var shifted = ParameterVector.Unflatten(saved + v * shift, parameters);
            for (int i = 0; i < parameters.Length; i++)
                shifted[i].AsSpan().CopyTo(parameters[i].AsSpan());
            var gradient = ParameterVector.Flatten(Autograd.Grad([Loss()], parameters)).ToArray();
            var original = ParameterVector.Unflatten(saved, parameters);
            for (int i = 0; i < parameters.Length; i++)
                original[i].AsSpan().CopyTo(parameters[i].AsSpan());
            return gradient;
        }
        var plus = GradientAt(h);
        var minus = GradientAt(-h);
        var expected = new double[n];
        for (int i = 0; i < n; i++)
            expected[i] = (plus[i] - minus[i]) / (2 * h);

        var actual = Hessian.VectorProduct(Loss, parameters, v);

        Assert.Equal([n], actual.Shape.ToArray());
        Assert.True(RelativeError(actual.AsSpan(), expected) < 1e-5, $"relative error {RelativeError(actual.AsSpan(), expected):E2}");
    }

    [Fact]
    public void HessianOperator_RepeatedProducts_MatchOneShotProductsAndLeaveGradUntouched()
    {
        var problem = new LeastSquares(samples: 20, features: 4, seed: 9);
        var first = Tensor.Normal([4], 0.0, 1.0, seed: 1);
        var second = Tensor.Normal([4], 0.0, 1.0, seed: 2);
        var hessian = new HessianOperator<double>(problem.Loss, problem.Parameters);

        var reused = new[] { hessian.Multiply(first), hessian.Multiply(second) };

        Assert.Equal(2, hessian.ProductCount);
        Assert.Null(problem.W.Grad);
        Assert.Equal(problem.Loss().Item(), hessian.Loss, 14);
        Assert.Equal(Hessian.VectorProduct(problem.Loss, problem.Parameters, first).ToArray(), reused[0].ToArray());
        Assert.Equal(Hessian.VectorProduct(problem.Loss, problem.Parameters, second).ToArray(), reused[1].ToArray());
        var expected = ExplicitMatrices.Multiply(problem.ExplicitHessian(), second.AsSpan());
        Assert.True(RelativeError(reused[1].AsSpan(), expected) < 1e-12);
    }

    [Fact]
    public void Full_Quadratic_EqualsItsMatrix()
    {
        var a = ExplicitMatrices.RandomSymmetric(6, seed: 3);
        var (x, loss) = Quadratic(a, seed: 4);

        var full = Hessian.Full(loss, [x]);

        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
                Assert.Equal(a[i, j], full[i, j], 1e-13);
    }

    [Fact]
    public void Full_SeveralParameterTensors_OrdersBlocksAsTheFlatVector()
    {
        // L = a²·b + 3b² over a = [a0, a1] and scalar b: H = [[2b, 0, 2a0], [0, 2b, 2a1], [2a0, 2a1, 6]].
        var a = Tensor.FromArray([0.5, -1.5], 2).RequireGrad();
        var b = Tensor.Scalar(2.0).RequireGrad();
        Tensor<double> Loss() => (a.Square() * b).Sum() + 3.0 * b.Square();

        var full = Hessian.Full(Loss, [a, b]);

        double[,] expected = { { 4, 0, 1 }, { 0, 4, -3 }, { 1, -3, 6 } };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(expected[i, j], full[i, j], 1e-13);
    }

    [Fact]
    public void Trace_Quadratic_WithinFewStandardErrorsOfTrueTrace()
    {
        var a = ExplicitMatrices.RandomSymmetric(20, seed: 21);
        var (x, loss) = Quadratic(a, seed: 22);
        double expected = ExplicitMatrices.Trace(a);

        var estimate = Hessian.Trace(loss, [x], samples: 400, seed: 5);

        Assert.Equal(400, estimate.Samples);
        Assert.True(estimate.StandardError > 0);
        Assert.True(Math.Abs(estimate.Mean - expected) < 4 * estimate.StandardError,
            $"estimate {estimate.Mean} ± {estimate.StandardError}, true trace {expected}");
    }

    [Fact]
    public void Trace_DiagonalHessian_IsExactWithZeroError()
    {
        // For diagonal H, zᵀHz = Σ Hᵢᵢ zᵢ² = tr H for every Rademacher z.
        var a = new double[3, 3];
        a[0, 0] = 2;
        a[1, 1] = -1;
        a[2, 2] = 5;
        var (x, loss) = Quadratic(a, seed: 1);

        var estimate = Hessian.Trace(loss, [x], samples: 5);

        Assert.Equal(6.0, estimate.Mean, 12);
        Assert.Equal(0.0, estimate.StandardError, 12);
    }

    [Fact]
    public void Diagnostics_LinearLoss_HaveZeroCurvature()
    {
        var w = Tensor.FromArray([1.0, 2.0, 3.0], 3).RequireGrad();
        var c = Tensor.FromArray([0.5, -1.0, 2.0], 3);
        Tensor<double> Loss() => (w * c).Sum();

        var power = Hessian.PowerIteration(Loss, [w]);
        var lanczos = Hessian.Lanczos(Loss, [w], count: 2);

        Assert.Equal(0.0, power.Eigenvalue);
        Assert.True(power.Converged);
        Assert.Equal([0.0, 0.0], lanczos.Eigenvalues);
    }

    [Fact]
    public void VectorProduct_WrongLength_ThrowsNamingLengths()
    {
        var problem = new LeastSquares(samples: 10, features: 3, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => Hessian.VectorProduct(problem.Loss, problem.Parameters, Tensor.Zeros<double>(4)));

        Assert.Equal("vector", error.ParamName);
        Assert.Contains("has 4 elements", error.Message);
        Assert.Contains("have 3 in all", error.Message);
    }

    [Fact]
    public void PowerIteration_BadArguments_ThrowClearMessages()
    {
        var problem = new LeastSquares(samples: 10, features: 3, seed: 1);
        var hessian = new HessianOperator<double>(problem.Loss, problem.Parameters);

        var zeroIterations = Assert.Throws<ArgumentOutOfRangeException>(() => Hessian.PowerIteration(hessian, maxIterations: 0));
        var negativeTolerance = Assert.Throws<ArgumentOutOfRangeException>(() => Hessian.PowerIteration(hessian, tolerance: -1));
        var zeroStart = Assert.Throws<ArgumentException>(() => Hessian.PowerIteration(hessian, Tensor.Zeros<double>(3)));
        var shortStart = Assert.Throws<ArgumentException>(() => Hessian.PowerIteration(hessian, Tensor.Ones<double>(2)));

        Assert.Equal("maxIterations", zeroIterations.ParamName);
        Assert.Contains("maxIterations is 0; it must be at least 1", zeroIterations.Message);
        Assert.Equal("tolerance", negativeTolerance.ParamName);
        Assert.Contains("norm 0", zeroStart.Message);
        Assert.Equal("initialVector", shortStart.ParamName);
    }

    [Fact]
    public void LanczosTraceAndFull_BadArguments_ThrowClearMessages()
    {
        var problem = new LeastSquares(samples: 10, features: 3, seed: 1);
        var hessian = new HessianOperator<double>(problem.Loss, problem.Parameters);

        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => Hessian.Lanczos(hessian, count: 4));
        var tooFewIterations = Assert.Throws<ArgumentOutOfRangeException>(() => Hessian.Lanczos(hessian, count: 2, iterations: 1));
        var oneSample = Assert.Throws<ArgumentOutOfRangeException>(() => Hessian.Trace(hessian, samples: 1));
        var tooLarge = Assert.Throws<ArgumentException>(() =>
            Hessian.Full(() => Tensor.Zeros<double>(1), [Tensor.Zeros<double>(Hessian.MaxFullDimension + 1).RequireGrad()]));

        Assert.Contains("count is 4; it must be between 1 and the number of parameter elements (3)", tooMany.Message);
        Assert.Equal("iterations", tooFewIterations.ParamName);
        Assert.Contains("samples is 1", oneSample.Message);
        Assert.Contains($"n ≤ {Hessian.MaxFullDimension}", tooLarge.Message);
    }

    [Fact]
    public void HessianOperator_BadParametersOrLoss_ThrowClearMessages()
    {
        var frozen = Tensor.Ones<double>(2);
        var w = Tensor.Ones<double>(2).RequireGrad();

        var notRequiringGrad = Assert.Throws<ArgumentException>(() => new HessianOperator<double>(() => (w * frozen).Sum(), [w, frozen]));
        var notScalar = Assert.Throws<ArgumentException>(() => new HessianOperator<double>(() => w * 2.0, [w]));
        var empty = Assert.Throws<ArgumentException>(() => new HessianOperator<double>(() => w.Sum(), []));
        var detached = Assert.Throws<InvalidOperationException>(() =>
        {
            using var _ = Autograd.NoGrad();
            return new HessianOperator<double>(() => w.Square().Sum(), [w]);
        });

        Assert.Contains("parameters[1]", notRequiringGrad.Message);
        Assert.Contains("does not require grad", notRequiringGrad.Message);
        Assert.Contains("must return a scalar, but it returned shape [2]", notScalar.Message);
        Assert.Equal("parameters", empty.ParamName);
        Assert.Contains("NoGrad", detached.Message);
    }
}
