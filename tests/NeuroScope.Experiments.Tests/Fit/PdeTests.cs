using NeuroScope.Experiments.Fit;

namespace NeuroScope.Experiments.Tests.Fit;

public class PdeTests
{
    private static Tensor<double> Points(int count, double low, double high) =>
        Tensor.Linspace(low, high, count).Reshape(count, 1).RequireGrad();

    [Fact]
    public void Residual_Poisson1d_OfSinPi_IsZeroToRoundOff()
    {
        var x = Points(41, 0, 1);
        var rhs = Tensor.FromArray(x.ToArray().Select(v => -Math.PI * Math.PI * Math.Sin(Math.PI * v)).ToArray(), 41, 1);

        var residual = PdeResidual.Compute("poisson1d", u => (u * Math.PI).Sin(), x, rhs);

        Assert.All(residual.ToArray(), r => Assert.True(Math.Abs(r) < 1e-12, $"residual {r}"));
    }

    [Fact]
    public void Residual_Helmholtz1d_OfSinKx_IsZeroToRoundOff()
    {
        double k = 3;
        var x = Points(25, -2, 2);

        var residual = PdeResidual.Compute("helmholtz1d", u => (u * k).Sin(), x, Tensor.Zeros<double>(25, 1), k);

        Assert.All(residual.ToArray(), r => Assert.True(Math.Abs(r) < 1e-12, $"residual {r}"));
    }

    [Fact]
    public void Residual_Poisson2d_OfSinSin_IsZeroToRoundOff()
    {
        var data = new double[2 * 36];
        for (int i = 0; i < 36; i++)
            (data[2 * i], data[2 * i + 1]) = (0.1 + 0.15 * (i % 6), 0.05 + 0.17 * (i / 6));
        var points = Tensor.FromArray(data, 36, 2).RequireGrad();
        var rhs = new double[36];
        for (int i = 0; i < 36; i++)
            rhs[i] = -2 * Math.PI * Math.PI * Math.Sin(Math.PI * data[2 * i]) * Math.Sin(Math.PI * data[2 * i + 1]);

        var residual = PdeResidual.Compute("poisson2d",
            p => (p.Slice(1, 0, 1) * Math.PI).Sin() * (p.Slice(1, 1, 1) * Math.PI).Sin(), points, Tensor.FromArray(rhs, 36, 1));

        Assert.All(residual.ToArray(), r => Assert.True(Math.Abs(r) < 1e-12, $"residual {r}"));
    }

    [Fact]
    public void Residual_WrongResidual_IsNotZero()
    {
        var x = Points(5, 0.1, 0.9);

        var residual = PdeResidual.Compute("poisson1d", u => (u * Math.PI).Sin(), x, Tensor.Zeros<double>(5, 1));

        Assert.All(residual.ToArray(), r => Assert.True(Math.Abs(r) > 1));
    }

    [Fact]
    public void Pinn_Poisson1d_LearnsSinPi_WithRelativeErrorBelowOnePercent()
    {
        var config = new FitConfig
        {
            Pde = "poisson1d", Rhs = "-pi^2*sin(pi*x)", Box = [0, 1], Boundary = [0, 0], Optimizer = "adam",
            Steps = 1000, Collocation = 64, Hidden = [32, 32], SharpnessEvery = 0, FrameEvery = 500, GridPoints = 50,
        };

        var result = FunctionFit.Run(config);

        Assert.Equal("finite differences", result.ExactSource);
        Assert.True(result.RelativeL2Error < 1e-2, $"relative L2 error {result.RelativeL2Error}");
        double error = 0, norm = 0;
        using (Autograd.NoGrad())
        {
            var x = Tensor.Linspace(0.0, 1.0, 101).Reshape(101, 1);
            var u = result.Model.Forward(x).ToArray();
            for (int i = 0; i <= 100; i++)
            {
                double exact = Math.Sin(Math.PI * i / 100.0);
                error += (u[i] - exact) * (u[i] - exact);
                norm += exact * exact;
            }
        }
        Assert.True(Math.Sqrt(error / norm) < 1e-2, $"relative L2 error against sin(pi x): {Math.Sqrt(error / norm)}");
    }

    [Fact]
    public void ReferenceSolution_OfPoisson1d_MatchesTheExactSolution()
    {
        var config = new FitConfig
        {
            Pde = "poisson1d", Rhs = "-pi^2*sin(pi*x)", Box = [0, 1], Boundary = [0, 0], Steps = 1, Collocation = 8, Hidden = [4],
            SharpnessEvery = 0, GridPoints = 41, GridPadding = 0,
        };

        var result = FunctionFit.Run(config);

        for (int i = 0; i < result.Grid.Count; i++)
            Assert.Equal(Math.Sin(Math.PI * result.Grid.X[i]), result.Grid.Target[i], 1e-6);
    }
}
