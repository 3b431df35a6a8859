using NeuroScope.Diagnostics;

namespace NeuroScope.Tests.Diagnostics;

public class LossLandscapeTests
{
    // L(θ) = ½θᵀAθ + bᵀθ over θ = (W: 2×3, c: 3) flattened in order: along θ + αd + βe it is an exact quadratic.
    private sealed class Quadratic
    {
        private readonly Tensor<double> _a;
        private readonly Tensor<double> _b;

        public Quadratic(int seed)
        {
            A = ExplicitMatrices.RandomSymmetric(9, seed);
            _a = Tensor.FromArray(A);
            B = Tensor.Normal([9], 0.0, 1.0, seed + 1).ToArray();
            _b = Tensor.FromArray(B, 9);
            W = Tensor.Normal([2, 3], 0.0, 1.0, seed + 2).RequireGrad();
            C = Tensor.Normal([3], 0.0, 1.0, seed + 3).RequireGrad();
        }

        public double[,] A { get; }
        public double[] B { get; }
        public Tensor<double> W { get; }
        public Tensor<double> C { get; }
        public Tensor<double>[] Parameters => [W, C];

        public Tensor<double> Loss()
        {
            var theta = Tensor.Concat([W.Reshape(6), C]);
            return 0.5 * theta.Dot(_a.MatMul(theta.Reshape(9, 1)).Reshape(9)) + theta.Dot(_b);
        }

        public double Value(double[] theta) =>
            0.5 * ExplicitMatrices.Dot(theta, ExplicitMatrices.Multiply(A, theta)) + ExplicitMatrices.Dot(B, theta);
    }

    private static double[] Combine(double[] origin, double alpha, double[] d, double beta, double[] e)
    {
        var point = new double[origin.Length];
        for (int i = 0; i < point.Length; i++)
            point[i] = origin[i] + alpha * d[i] + beta * e[i];
        return point;
    }

    [Fact]
    public void Line_Quadratic_IsTheAnalyticParabola()
    {
        var problem = new Quadratic(seed: 1);
        var theta = ParameterVector.Flatten(problem.Parameters).ToArray();
        var d = Tensor.Normal([9], 0.0, 1.0, seed: 7);
        var dd = d.ToArray();
        // L(θ + αd) = L(θ) + α(Aθ + b)·d + ½α² dᵀAd.
        var gradient = ExplicitMatrices.Multiply(problem.A, theta);
        for (int i = 0; i < 9; i++)
            gradient[i] += problem.B[i];
        double slope = ExplicitMatrices.Dot(gradient, dd), curvature = ExplicitMatrices.Dot(dd, ExplicitMatrices.Multiply(problem.A, dd));

        var line = LossLandscape.Line(problem.Loss, problem.Parameters, d, start: -2, stop: 2, points: 9);

        Assert.Equal([-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0], line.Alphas);
        for (int i = 0; i < line.Alphas.Length; i++)
        {
            double alpha = line.Alphas[i];
            double expected = problem.Value(theta) + alpha * slope + 0.5 * alpha * alpha * curvature;
            Assert.Equal(expected, line.Losses[i], 1e-12 * Math.Max(1, Math.Abs(expected)));
        }
        Assert.Equal(dd, line.Direction.ToArray());
    }

    [Fact]
    public void Surface_Quadratic_MatchesClosedFormOnTheGrid()
    {
        var problem = new Quadratic(seed: 2);
        var theta = ParameterVector.Flatten(problem.Parameters).ToArray();
        var d = Tensor.Normal([9], 0.0, 1.0, seed: 8);
        var e = Tensor.Normal([9], 0.0, 1.0, seed: 9);

        var surface = LossLandscape.Surface(problem.Loss, problem.Parameters, d, e, start: -1, stop: 1, points: 5);

        Assert.Equal(surface.Alphas, surface.Betas);
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                double expected = problem.Value(Combine(theta, surface.Alphas[i], d.ToArray(), surface.Betas[j], e.ToArray()));
                Assert.Equal(expected, surface.Losses[i, j], 1e-12 * Math.Max(1, Math.Abs(expected)));
            }
        }
    }

    [Fact]
    public void LineAndSurface_RandomDirections_RestoreParametersBitForBit()
    {
        // In float, θ + αd − αd need not round back to θ; the saved values must be written back instead.
        var w = Tensor.Normal([3, 4], 0.0f, 1.0f, seed: 3).RequireGrad();
        var b = Tensor.Normal([3], 0.0f, 1.0f, seed: 4).RequireGrad();
        var before = (w.ToArray(), b.ToArray());
        Tensor<float> Loss() => (w.Tanh().Sum(1) + b).Square().Sum();

        var line = LossLandscape.Line(Loss, [w, b], points: 7, seed: 1);
        var surface = LossLandscape.Surface(Loss, [w, b], points: 4, seed: 2);

        Assert.Equal(before.Item1, w.ToArray());
        Assert.Equal(before.Item2, b.ToArray());
        Assert.True(w.RequiresGrad && w.IsLeaf);
        Assert.Equal((double)Loss().Item(), line.Losses[3], 6);
        Assert.NotEqual(surface.FirstDirection.ToArray(), surface.SecondDirection.ToArray());
    }

    [Fact]
    public void Line_LossThrowsMidway_StillRestoresParameters()
    {
        var w = Tensor.Normal([5], 0.0, 1.0, seed: 5).RequireGrad();
        var before = w.ToArray();
        int calls = 0;
        Tensor<double> Loss() => ++calls == 3 ? throw new InvalidOperationException("diverged") : w.Square().Sum();

        Assert.Throws<InvalidOperationException>(() => LossLandscape.Line(Loss, [w], points: 5));

        Assert.Equal(before, w.ToArray());
        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public void RandomDirection_FilterNormalized_RowsMatchParameterRowNorms()
    {
        var w = Tensor.Normal([4, 3], 0.0, 2.0, seed: 6);
        var b = Tensor.Normal([4], 0.0, 0.5, seed: 7);
        var s = Tensor.Scalar(-3.0);
        Tensor<double>[] parameters = [w, b, s];

        var direction = LossLandscape.RandomDirection(parameters, DirectionNormalization.Filter, seed: 1).ToArray();

        Assert.Equal(17, direction.Length);
        for (int row = 0; row < 4; row++)
        {
            var expected = ExplicitMatrices.Norm(w.ToArray().AsSpan(row * 3, 3));
            Assert.Equal(expected, ExplicitMatrices.Norm(direction.AsSpan(row * 3, 3)), 12);
        }
        Assert.Equal(ExplicitMatrices.Norm(b.ToArray()), ExplicitMatrices.Norm(direction.AsSpan(12, 4)), 12);
        Assert.Equal(3.0, Math.Abs(direction[16]), 12);
    }

    [Fact]
    public void NormalizeDirection_PerTensorAndNone_ScaleAsStated()
    {
        var w = Tensor.Normal([4, 3], 0.0, 2.0, seed: 6);
        var b = Tensor.Zeros<double>(2);
        Tensor<double>[] parameters = [w, b];
        var raw = Tensor.Normal([14], 0.0, 1.0, seed: 2);

        var perTensor = LossLandscape.NormalizeDirection(raw, parameters, DirectionNormalization.Tensor).ToArray();
        var unchanged = LossLandscape.NormalizeDirection(raw, parameters, DirectionNormalization.None).ToArray();

        Assert.Equal(ExplicitMatrices.Norm(w.ToArray()), ExplicitMatrices.Norm(perTensor.AsSpan(0, 12)), 12);
        // A zero parameter (a freshly initialized bias) gets a zero direction: its norm is matched, not invented.
        Assert.Equal([0.0, 0.0], perTensor[12..]);
        Assert.Equal(raw.ToArray(), unchanged);
        var rowRatio = ExplicitMatrices.Norm(perTensor.AsSpan(0, 3)) / ExplicitMatrices.Norm(raw.ToArray().AsSpan(0, 3));
        var otherRowRatio = ExplicitMatrices.Norm(perTensor.AsSpan(3, 3)) / ExplicitMatrices.Norm(raw.ToArray().AsSpan(3, 3));
        Assert.Equal(rowRatio, otherRowRatio, 12);
    }

    [Fact]
    public void Landscapes_BadArguments_ThrowClearMessages()
    {
        var w = Tensor.Ones<double>(3).RequireGrad();
        Tensor<double> Loss() => w.Square().Sum();

        var onePoint = Assert.Throws<ArgumentOutOfRangeException>(() => LossLandscape.Line(Loss, [w], points: 1));
        var reversed = Assert.Throws<ArgumentOutOfRangeException>(() => LossLandscape.Line(Loss, [w], start: 1, stop: -1));
        var wrongLength = Assert.Throws<ArgumentException>(() => LossLandscape.Surface(Loss, [w], Tensor.Ones<double>(3), Tensor.Ones<double>(5)));
        var notScalar = Assert.Throws<ArgumentException>(() => LossLandscape.Line(() => w * 2.0, [w]));

        Assert.Contains("points is 1; a grid needs at least 2 points", onePoint.Message);
        Assert.Contains("stop is -1; it must be finite and greater than start (1)", reversed.Message);
        Assert.Equal("secondDirection", wrongLength.ParamName);
        Assert.Contains("has 5 elements", wrongLength.Message);
        Assert.Contains("must return a scalar", notScalar.Message);
        Assert.Equal([1.0, 1.0, 1.0], w.ToArray());
    }
}
