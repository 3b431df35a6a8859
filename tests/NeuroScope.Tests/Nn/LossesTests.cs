using NeuroScope.Diagnostics;
using NeuroScope.Nn;

namespace NeuroScope.Tests.Nn;

public class LossesTests
{
    private static readonly double[] Prediction = [1.0, -1.0, 4.0];
    private static readonly double[] Target = [0.5, 1.0, 1.0];
    // d = p − t = [0.5, −2, 3]

    private static Tensor<double> P() => Tensor.FromArray(Prediction).RequireGrad();
    private static Tensor<double> T() => Tensor.FromArray(Target);

    [Fact]
    public void Mse_MatchesHandComputedValueAndGradient()
    {
        var p = P();

        var loss = Losses.Mse(p, T());
        loss.Backward();

        Assert.Equal((0.25 + 4 + 9) / 3, loss.Item(), 1e-15);
        // d/dp mean(d²) = 2d/n
        Assert.Equal([2 * 0.5 / 3, 2 * -2.0 / 3, 2 * 3.0 / 3], p.Grad!.ToArray());
    }

    [Fact]
    public void Mse_Sum_MatchesHandComputedValueAndGradient()
    {
        var p = P();

        var loss = Losses.Mse(p, T(), Reduction.Sum);
        loss.Backward();

        Assert.Equal(0.25 + 4 + 9, loss.Item(), 1e-15);
        Assert.Equal([1.0, -4.0, 6.0], p.Grad!.ToArray());
    }

    [Fact]
    public void L1_MatchesHandComputedValueAndGradient()
    {
        var p = P();

        var loss = Losses.L1(p, T());
        loss.Backward();

        Assert.Equal((0.5 + 2 + 3) / 3, loss.Item(), 1e-15);
        // d/dp mean|d| = sign(d)/n
        Assert.Equal([1.0 / 3, -1.0 / 3, 1.0 / 3], p.Grad!.ToArray());
    }

    [Fact]
    public void Huber_BothRegimes_MatchHandComputedValueAndGradient()
    {
        var p = P();

        var loss = Losses.Huber(p, T(), delta: 1.0, Reduction.Sum);
        loss.Backward();

        // |0.5| < 1: ½·0.25; |−2| ≥ 1: 1·(2 − ½); |3| ≥ 1: 1·(3 − ½).
        Assert.Equal(0.125 + 1.5 + 2.5, loss.Item(), 1e-15);
        // Quadratic regime: d; linear regime: δ·sign(d).
        Assert.Equal([0.5, -1.0, 1.0], p.Grad!.ToArray());
    }

    [Fact]
    public void Huber_LargerDelta_MovesPointsIntoQuadraticRegime()
    {
        var p = P();

        var loss = Losses.Huber(p, T(), delta: 2.5);
        loss.Backward();

        // |0.5|, |−2| < 2.5: ½d²; |3| ≥ 2.5: 2.5·(3 − 1.25).
        Assert.Equal((0.125 + 2 + 2.5 * 1.75) / 3, loss.Item(), 1e-15);
        double[] expected = [0.5 / 3, -2.0 / 3, 2.5 / 3];
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], p.Grad!.AsSpan()[i], 1e-15);
    }

    [Fact]
    public void Huber_SecondDerivative_IsOneInQuadraticRegimeAndZeroInLinear()
    {
        var p = P();

        var gradient = Autograd.Grad(Losses.Huber(p, T(), delta: 1.0, Reduction.Sum), p, createGraph: true);
        var hessianDiagonal = Autograd.Grad(gradient.Sum(), p);

        Assert.Equal([1.0, 0.0, 0.0], hessianDiagonal.ToArray());
    }

    [Fact]
    public void Huber_EqualsMseOverTwo_WhenEveryErrorIsSmall()
    {
        var p = Tensor.Uniform([20], -0.4, 0.4, 1);
        var t = Tensor.Uniform([20], -0.4, 0.4, 2);

        var huber = Losses.Huber(p, t, delta: 1.0).Item();
        var mse = Losses.Mse(p, t).Item();

        Assert.Equal(mse / 2, huber, 1e-15);
    }

    public static TheoryData<string> LossNames => ["Mse", "L1", "Huber"];

    private static Tensor<double> Apply(string name, Tensor<double> p, Tensor<double> t) => name switch
    {
        "Mse" => Losses.Mse(p, t),
        "L1" => Losses.L1(p, t),
        _ => Losses.Huber(p, t, delta: 0.7),
    };

    [Theory]
    [MemberData(nameof(LossNames))]
    public void Loss_PassesGradCheckToSecondOrder(string name)
    {
        // Predictions and targets kept apart so no difference sits on a kink (0 for L1, ±δ for Huber).
        var p = Tensor.FromArray(new[] { 1.3, -0.2, 0.9, -1.5, 2.0, 0.1 }, 3, 2);
        var t = Tensor.FromArray(new[] { 0.2, 0.3, 1.2, 0.5, -0.4, 1.6 }, 3, 2);

        var result = GradCheck.Check(x => Apply(name, x[0], x[1]), [p, t]);

        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [MemberData(nameof(LossNames))]
    public void Loss_ShapeMismatch_NamesBothShapes(string name)
    {
        var p = Tensor.Zeros<double>(4, 1);
        var t = Tensor.Zeros<double>(4);

        var error = Assert.Throws<ArgumentException>(() => Apply(name, p, t));

        Assert.StartsWith(name + ":", error.Message);
        Assert.Contains("[4, 1]", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Huber_NonPositiveDelta_Throws(double delta)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Losses.Huber(P(), T(), delta));

        Assert.Equal("delta", error.ParamName);
    }

    [Fact]
    public void Mse_Float_MatchesDouble()
    {
        var loss = Losses.Mse(Tensor.FromArray(new[] { 1f, -1f, 4f }), Tensor.FromArray(new[] { 0.5f, 1f, 1f }));

        Assert.Equal((0.25f + 4f + 9f) / 3f, loss.Item(), 1e-6f);
    }
}
