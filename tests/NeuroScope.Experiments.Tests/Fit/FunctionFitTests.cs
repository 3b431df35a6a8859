using NeuroScope.Experiments.Fit;

namespace NeuroScope.Experiments.Tests.Fit;

public class FunctionFitTests
{
    // A network with no hidden layer is the linear model w·x + b; its MSE (1/n)Σ(w·xᵢ + b − yᵢ)² has the constant
    // Hessian (2/n)Σ zᵢzᵢᵀ with zᵢ = (xᵢ, 1), plus 2·l2·I from the penalty l2·Σθ².
    private static double TopEigenvalueOfLinearModelHessian(double[] inputs, int dimension, double l2)
    {
        int n = inputs.Length / dimension, m = dimension + 1;
        var h = new double[m, m];
        for (int s = 0; s < n; s++)
        {
            var z = new double[m];
            for (int k = 0; k < dimension; k++)
                z[k] = inputs[s * dimension + k];
            z[dimension] = 1;
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                    h[i, j] += 2.0 * z[i] * z[j] / n;
        }
        for (int i = 0; i < m; i++)
            h[i, i] += 2 * l2;
        // Power iteration run to machine precision on the explicit matrix (independent of the engine).
        var v = new double[m];
        Array.Fill(v, 1.0);
        double lambda = 0;
        for (int iteration = 0; iteration < 10_000; iteration++)
        {
            var w = new double[m];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++)
                    w[i] += h[i, j] * v[j];
            double norm = Math.Sqrt(w.Sum(x => x * x));
            lambda = 0;
            for (int i = 0; i < m; i++)
                lambda += v[i] * w[i];
            for (int i = 0; i < m; i++)
                v[i] = w[i] / norm;
        }
        return lambda;
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.05)]
    public void Sharpness_LinearLeastSquares_EqualsAnalyticTopEigenvalue(int dimension, double l2)
    {
        var config = new FitConfig
        {
            InputDimension = dimension, Target = dimension == 1 ? "sin" : "sin_cos2d", Box = [-1, 2], Samples = 40,
            Hidden = [], Steps = 6, SharpnessEvery = 3, PowerIterations = 500, SharpnessTolerance = 0, FrameEvery = 6, GridPoints = 20, GridPoints2d = 6, L2 = l2,
        };

        var result = FunctionFit.Run(config);

        double expected = TopEigenvalueOfLinearModelHessian(result.TrainingInputs, dimension, l2);
        Assert.Equal([3, 6], result.SharpnessSteps);
        foreach (double sharpness in result.Sharpness)
            Assert.Equal(expected, sharpness, expected * 1e-10);
    }

    [Fact]
    public void Projection_IsTheLastUpdateAlongTheTopEigenvector()
    {
        var config = new FitConfig
        {
            Hidden = [], Box = [-1, 1], Samples = 30, LearningRate = 0.05, Steps = 1, SharpnessEvery = 1, FrameEvery = 1,
            PowerIterations = 500, SharpnessTolerance = 0, GridPoints = 20,
        };
        // The initial weights come from their own generator seeded seed + 1, as FunctionFit documents.
        var initial = new NeuroScope.Nn.Mlp<double>(1, [], 1, NeuroScope.Nn.Activation.Tanh, new Random(config.Seed + 1)).ParametersToVector().ToArray();

        var result = FunctionFit.Run(config);

        // H = (2/n)·[[Σx², Σx], [Σx, n]]; its top eigenvector v by the closed form of a symmetric 2×2 matrix.
        var x = result.TrainingInputs;
        double a = 2 * x.Sum(v => v * v) / x.Length, b = 2 * x.Sum() / x.Length, c = 2.0;
        double lambda = (a + c) / 2 + Math.Sqrt((a - c) * (a - c) / 4 + b * b);
        double vx = b, vy = lambda - a, norm = Math.Sqrt(vx * vx + vy * vy);
        var final = result.Model.ParametersToVector().ToArray();
        double expected = Math.Abs((final[0] - initial[0]) * vx / norm + (final[1] - initial[1]) * vy / norm);
        Assert.Equal(lambda, result.Sharpness[0], lambda * 1e-10);
        Assert.True(expected > 1e-4);
        Assert.Equal(expected, result.Projections[0], 1e-10);
    }

    [Fact]
    public void GeneralizationError_UsesOnlyPointsOutsideTheBox_AgainstTheNoiseFreeTarget()
    {
        var config = new FitConfig { Steps = 20, FrameEvery = 10, SharpnessEvery = 0, Noise = 0.5, Hidden = [8], GridPoints = 101, Box = [-1, 1] };

        var result = FunctionFit.Run(config);

        var grid = result.Grid;
        int outside = 0;
        for (int i = 0; i < grid.Count; i++)
        {
            bool expectedOutside = grid.X[i] < -1 || grid.X[i] > 1;
            Assert.Equal(expectedOutside, grid.Outside[i]);
            Assert.Equal(Math.Sin(grid.X[i]), grid.Target[i]);
            outside += expectedOutside ? 1 : 0;
        }
        Assert.Equal(-2.0, grid.X[0], 12);
        Assert.Equal(2.0, grid.X[^1], 12);
        Assert.True(outside > 40);
        for (int f = 0; f < result.Frames.Count; f++)
        {
            double sum = 0;
            for (int i = 0; i < grid.Count; i++)
                if (grid.Outside[i])
                    sum += Math.Pow(result.Frames[f][i] - Math.Sin(grid.X[i]), 2);
            Assert.Equal(sum / outside, result.GeneralizationErrors[f], 12);
        }
    }

    [Fact]
    public void Grid2d_OutsidePoints_LieOutsideTheBoxInSomeCoordinate()
    {
        var config = new FitConfig { InputDimension = 2, Target = "rbf2d", Box = [-1, 1, 0, 2], Steps = 2, FrameEvery = 1, SharpnessEvery = 0, Hidden = [4], GridPoints2d = 9 };

        var result = FunctionFit.Run(config);

        var grid = result.Grid;
        var points = grid.Points();
        Assert.Equal(81, grid.Count);
        for (int i = 0; i < grid.Count; i++)
        {
            double x = points[2 * i], y = points[2 * i + 1];
            Assert.Equal(x < -1 || x > 1 || y < 0 || y > 2, grid.Outside[i]);
            Assert.Equal(Math.Exp(-(x * x + y * y) / (2 * 1.5 * 1.5)), grid.Target[i], 12);
        }
        Assert.Equal(2, result.Frames.Count);
        Assert.All(result.Frames, frame => Assert.Equal(81, frame.Length));
    }

    [Fact]
    public void Run_LibraryFunction_IsTheTarget()
    {
        var config = new FitConfig { Steps = 3, FrameEvery = 3, SharpnessEvery = 0, Hidden = [4], GridPoints = 11, Noise = 0 };

        var result = FunctionFit.Run(config, FitTarget.FromFunction(x => x * x, "square of x"));

        for (int i = 0; i < result.Grid.Count; i++)
            Assert.Equal(result.Grid.X[i] * result.Grid.X[i], result.Grid.Target[i]);
        for (int s = 0; s < config.Samples; s++)
            Assert.Equal(result.TrainingInputs[s] * result.TrainingInputs[s], result.TrainingTargets![s]);
        Assert.Equal("square of x", result.TargetDescription);
    }

    [Fact]
    public void Run_SameConfig_ReproducesTheLosses()
    {
        var config = new FitConfig { Steps = 30, FrameEvery = 10, SharpnessEvery = 10, Hidden = [16, 16], Samples = 64, GridPoints = 50 };

        var first = FunctionFit.Run(config);
        var second = FunctionFit.Run(config);

        Assert.Equal(first.Losses, second.Losses);
        Assert.Equal(first.Sharpness, second.Sharpness);
        Assert.True(first.Losses[^1] < first.Losses[0]);
    }

    [Fact]
    public void Run_HugeLearningRate_StopsAtTheDivergingStepAndKeepsWhatWasDone()
    {
        var config = new FitConfig { LearningRate = 50, Steps = 200, FrameEvery = 5, SharpnessEvery = 0, Hidden = [16], GridPoints = 20 };

        var result = FunctionFit.Run(config);

        Assert.True(result.Diverged);
        Assert.Equal(result.CompletedSteps + 1, result.DivergedAtStep);
        Assert.Equal(result.CompletedSteps, result.Losses.Length);
        Assert.All(result.Losses, loss => Assert.True(double.IsFinite(loss)));
        Assert.Equal(result.CompletedSteps, result.FrameSteps[^1]);
    }

    [Fact]
    public void Run_Cancelled_StopsAfterTheCurrentStepWithConsistentHistories()
    {
        var config = new FitConfig { Steps = 1000, FrameEvery = 4, SharpnessEvery = 3, Hidden = [8], GridPoints = 20 };
        using var cancel = new CancellationTokenSource();
        var progress = new Inline(report =>
        {
            if (report.Step == 7)
                cancel.Cancel();
        });

        var result = FunctionFit.Run(config, progress, cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Equal(7, result.CompletedSteps);
        Assert.Equal(7, result.Losses.Length);
        Assert.Equal([4, 7], result.FrameSteps);
        Assert.Equal([3, 6], result.SharpnessSteps);
        Assert.Equal(result.FrameSteps.Length, result.GeneralizationErrors.Length);
    }

    [Fact]
    public void Run_DataFile_FitsTheCsvSamples()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fit-data-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["x,target", "0,1", "0.5,2", "1,3", "1.5,4"]);
        try
        {
            var config = new FitConfig { DataFile = path, Steps = 5, FrameEvery = 5, SharpnessEvery = 0, Hidden = [4], GridPoints = 20 };

            var result = FunctionFit.Run(config);

            Assert.NotNull(result.TrainingInputs);
            Assert.Equal([0, 0.5, 1, 1.5], result.TrainingInputs);
            Assert.NotNull(result.TrainingTargets);
            Assert.Equal([1.0, 2, 3, 4], result.TrainingTargets);
            Assert.Equal((0.0, 1.5), (result.Grid.Box.XMin, result.Grid.Box.XMax));
            Assert.True(double.IsNaN(result.GeneralizationErrors[0]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class Inline(Action<ExperimentProgress> handler) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => handler(value);
    }
}
