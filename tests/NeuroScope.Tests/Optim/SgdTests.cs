using NeuroScope.Optim;

namespace NeuroScope.Tests.Optim;

public class SgdTests
{
    private const int Steps = 3;

    // torch.optim.SGD's rule written out on plain doubles, one coordinate at a time.
    private static double[][] HandDerived(double learningRate, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        var p = (double[])QuadraticProblem.Start.Clone();
        var buffer = new double[p.Length];
        var trajectory = new double[Steps][];
        for (int s = 0; s < Steps; s++)
        {
            for (int i = 0; i < p.Length; i++)
            {
                double g = QuadraticProblem.Gradient(p[i], i) + weightDecay * p[i];
                if (momentum != 0)
                {
                    buffer[i] = s == 0 ? g : momentum * buffer[i] + (1 - dampening) * g;
                    g = nesterov ? g + momentum * buffer[i] : buffer[i];
                }
                p[i] -= learningRate * g;
            }
            trajectory[s] = (double[])p.Clone();
        }
        return trajectory;
    }

    private static void AssertMatchesInBothPrecisions(double learningRate, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        var expected = HandDerived(learningRate, momentum, dampening, weightDecay, nesterov);

        var inDouble = QuadraticProblem.Run<double>(p => new Sgd<double>([p], learningRate, momentum, dampening, weightDecay, nesterov), Steps);
        var inFloat = QuadraticProblem.Run<float>(p => new Sgd<float>([p], learningRate, momentum, dampening, weightDecay, nesterov), Steps);

        QuadraticProblem.AssertClose(expected, inDouble, 1e-14);
        QuadraticProblem.AssertClose(expected, inFloat, 1e-6);
    }

    [Fact]
    public void Sgd_Plain_MatchesClosedForm()
    {
        // With g = 2(p − c), each step scales the distance to c by (1 − 2·lr).
        const double learningRate = 0.1;
        var expected = new double[Steps][];
        for (int s = 0; s < Steps; s++)
        {
            expected[s] = new double[QuadraticProblem.Start.Length];
            for (int i = 0; i < expected[s].Length; i++)
                expected[s][i] = QuadraticProblem.Center[i] + Math.Pow(1 - 2 * learningRate, s + 1) * (QuadraticProblem.Start[i] - QuadraticProblem.Center[i]);
        }

        var actual = QuadraticProblem.Run<double>(p => new Sgd<double>([p], learningRate), Steps);

        QuadraticProblem.AssertClose(expected, actual, 1e-14);
    }

    [Fact]
    public void Sgd_Momentum_MatchesHandDerivedSteps() => AssertMatchesInBothPrecisions(0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false);

    [Fact]
    public void Sgd_Dampening_MatchesHandDerivedSteps() => AssertMatchesInBothPrecisions(0.1, momentum: 0.9, dampening: 0.3, weightDecay: 0, nesterov: false);

    [Fact]
    public void Sgd_Nesterov_MatchesHandDerivedSteps() => AssertMatchesInBothPrecisions(0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: true);

    [Fact]
    public void Sgd_WeightDecay_MatchesHandDerivedSteps() => AssertMatchesInBothPrecisions(0.1, momentum: 0, dampening: 0, weightDecay: 0.05, nesterov: false);

    [Fact]
    public void Sgd_EverythingTogether_MatchesHandDerivedSteps() => AssertMatchesInBothPrecisions(0.05, momentum: 0.8, dampening: 0, weightDecay: 0.1, nesterov: true);

    [Fact]
    public void Sgd_FirstMomentumStep_EqualsPlainStep()
    {
        // PyTorch seeds the buffer with the first gradient, so dampening does not shrink the first step.
        var plain = QuadraticProblem.Run<double>(p => new Sgd<double>([p], 0.1), 1);

        var damped = QuadraticProblem.Run<double>(p => new Sgd<double>([p], 0.1, momentum: 0.9, dampening: 0.5), 1);

        Assert.Equal(plain[0], damped[0]);
    }

    [Fact]
    public void Sgd_FrozenOrGradientlessParameters_AreLeftAlone()
    {
        var trained = Tensor.FromArray([1.0, 2.0], 2).RequireGrad();
        var frozen = Tensor.FromArray([3.0], 1).RequireGrad();
        var untouched = Tensor.FromArray([4.0], 1).RequireGrad();
        (trained.Sum() + frozen.Sum()).Backward();
        frozen.RequiresGrad = false;
        var sgd = new Sgd<double>([trained, frozen, untouched], 0.5, momentum: 0.9);

        sgd.Step();

        Assert.Equal([0.5, 1.5], trained.ToArray());
        Assert.Equal([3.0], frozen.ToArray());
        Assert.Equal([4.0], untouched.ToArray());
        Assert.Equal(1, sgd.StepCount);
    }

    [Fact]
    public void Sgd_GradientOfWrongShape_ThrowsNamingBothShapes()
    {
        var p = Tensor.FromArray([1.0, 2.0, 3.0], 3).RequireGrad();
        p.Grad = Tensor.Zeros<double>(2);
        var sgd = new Sgd<double>([p], 0.1);

        var error = Assert.Throws<InvalidOperationException>(sgd.Step);

        Assert.Contains("[3]", error.Message);
        Assert.Contains("[2]", error.Message);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0, 0.0, false, "learningRate")]
    [InlineData(double.NaN, 0.0, 0.0, 0.0, false, "learningRate")]
    [InlineData(0.1, -0.5, 0.0, 0.0, false, "momentum")]
    [InlineData(0.1, double.PositiveInfinity, 0.0, 0.0, false, "momentum")]
    [InlineData(0.1, 0.9, 1.5, 0.0, false, "dampening")]
    [InlineData(0.1, 0.9, -0.1, 0.0, false, "dampening")]
    [InlineData(0.1, 0.0, 0.0, -0.01, false, "weightDecay")]
    public void Sgd_OutOfRangeSetting_ThrowsNamingParameterAndValue(double learningRate, double momentum, double dampening, double weightDecay, bool nesterov, string parameter)
    {
        var p = Tensor.Zeros<double>(2).RequireGrad();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<double>([p], learningRate, momentum, dampening, weightDecay, nesterov));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(parameter + " = ", error.Message);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.9, 0.1)]
    public void Sgd_NesterovWithoutMomentumOrWithDampening_Throws(double momentum, double dampening)
    {
        var p = Tensor.Zeros<double>(2).RequireGrad();

        var error = Assert.Throws<ArgumentException>(() => new Sgd<double>([p], 0.1, momentum, dampening, nesterov: true));

        Assert.Equal("nesterov", error.ParamName);
        Assert.Contains("momentum > 0 and dampening = 0", error.Message);
    }

    [Fact]
    public void Optimizer_EmptyParameterList_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new Sgd<double>([], 0.1));

        Assert.Equal("parameters", error.ParamName);
        Assert.Contains("empty parameter list", error.Message);
    }

    [Fact]
    public void Optimizer_SameParameterTwice_Throws()
    {
        var p = Tensor.Zeros<double>(2).RequireGrad();

        var error = Assert.Throws<ArgumentException>(() => new Sgd<double>([p, p], 0.1));

        Assert.Contains("Parameters 0 and 1", error.Message);
    }

    [Fact]
    public void Optimizer_SettingNonPositiveLearningRate_Throws()
    {
        var sgd = new Sgd<double>([Tensor.Zeros<double>(2).RequireGrad()], 0.1);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1);

        Assert.Equal("LearningRate", error.ParamName);
        Assert.Equal(0.1, sgd.LearningRate);
    }
}
