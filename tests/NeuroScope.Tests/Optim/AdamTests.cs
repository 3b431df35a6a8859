using NeuroScope.Optim;

namespace NeuroScope.Tests.Optim;

public class AdamTests
{
    private const int Steps = 3;

    // torch.optim.Adam's rule written out on plain doubles, in the textbook form of Kingma & Ba (2015).
    private static double[][] HandDerived(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
    {
        var p = (double[])QuadraticProblem.Start.Clone();
        var m = new double[p.Length];
        var v = new double[p.Length];
        var trajectory = new double[Steps][];
        for (int t = 1; t <= Steps; t++)
        {
            for (int i = 0; i < p.Length; i++)
            {
                double g = QuadraticProblem.Gradient(p[i], i) + weightDecay * p[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                p[i] -= learningRate * mHat / (Math.Sqrt(vHat) + epsilon);
            }
            trajectory[t - 1] = (double[])p.Clone();
        }
        return trajectory;
    }

    [Theory]
    [InlineData(0.1, 0.9, 0.999, 1e-8, 0.0)]
    [InlineData(0.05, 0.8, 0.99, 1e-3, 0.1)]
    public void Adam_MatchesHandDerivedSteps(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
    {
        var expected = HandDerived(learningRate, beta1, beta2, epsilon, weightDecay);

        var inDouble = QuadraticProblem.Run<double>(p => new Adam<double>([p], learningRate, beta1, beta2, epsilon, weightDecay), Steps);
        var inFloat = QuadraticProblem.Run<float>(p => new Adam<float>([p], learningRate, beta1, beta2, epsilon, weightDecay), Steps);

        QuadraticProblem.AssertClose(expected, inDouble, 1e-13);
        QuadraticProblem.AssertClose(expected, inFloat, 1e-5);
    }

    [Fact]
    public void Adam_FirstStep_MovesEachCoordinateByLearningRateAgainstTheGradientSign()
    {
        // After one step m̂ = g and v̂ = g², so the update is lr·g / (|g| + ε) ≈ lr·sign(g).
        const double learningRate = 0.01, epsilon = 1e-8;

        var first = QuadraticProblem.Run<double>(p => new Adam<double>([p], learningRate, epsilon: epsilon), 1)[0];

        for (int i = 0; i < first.Length; i++)
        {
            double g = QuadraticProblem.Gradient(QuadraticProblem.Start[i], i);
            Assert.Equal(QuadraticProblem.Start[i] - learningRate * g / (Math.Abs(g) + epsilon), first[i], 1e-15);
        }
    }

    [Fact]
    public void Adam_ParameterWithoutGradient_KeepsItsOwnStepCount()
    {
        // PyTorch counts t per parameter, so a parameter that joins late gets the full first-step bias correction.
        var early = Tensor.FromArray([1.0], 1).RequireGrad();
        var late = Tensor.FromArray([1.0], 1).RequireGrad();
        var adam = new Adam<double>([early, late], 0.01);
        early.Sum().Backward();
        adam.Step();

        (early.Sum() + late.Sum()).Backward();
        adam.Step();

        Assert.Equal(1.0 - 0.01 * 1 / (1 + 1e-8), late.Item(), 1e-15);
    }

    [Theory]
    [InlineData(1.0, 0.999, 1e-8, 0.0, "beta1")]
    [InlineData(-0.1, 0.999, 1e-8, 0.0, "beta1")]
    [InlineData(0.9, 1.0, 1e-8, 0.0, "beta2")]
    [InlineData(0.9, 0.999, -1e-8, 0.0, "epsilon")]
    [InlineData(0.9, 0.999, 1e-8, -1.0, "weightDecay")]
    public void Adam_OutOfRangeSetting_ThrowsNamingParameterAndValue(double beta1, double beta2, double epsilon, double weightDecay, string parameter)
    {
        var p = Tensor.Zeros<double>(2).RequireGrad();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>([p], 1e-3, beta1, beta2, epsilon, weightDecay));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter + " = ", error.Message);
    }
}
