using NeuroScope.Diagnostics;

namespace NeuroScope.Tests;

/// <summary>The README's library examples, run as written, with the values the README claims.</summary>
public class ReadmeExamplesTests
{
    [Fact]
    public void Taste_GradientOfSumOfSquares_IsTwiceTheInput()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 }).RequireGrad();

        (x * x).Sum().Backward();

        Assert.Equal([2.0, 4.0, 6.0], x.Grad!.ToArray());
        Assert.Equal("tensor([2.0000, 4.0000, 6.0000], shape=[3])", x.Grad.ToString());
    }

    [Fact]
    public void Taste_SecondDerivativeOfTanh_MatchesClosedForm()
    {
        var t = Tensor.Scalar(0.5).RequireGrad();

        var dt = Autograd.Grad(t.Tanh(), t, createGraph: true);
        var d2t = Autograd.Grad(dt, t);

        double th = Math.Tanh(0.5);
        Assert.Equal(1 - th * th, dt.Item(), 12);
        Assert.Equal(-2 * th * (1 - th * th), d2t.Item(), 12);
    }

    [Fact]
    public void Taste_HessianVectorProductOfQuarticSum_Is12W2TimesV()
    {
        var w = Tensor.FromArray(new[] { 1.0, -1.0 }).RequireGrad();

        var g = Autograd.Grad(w.Pow(4.0).Sum(), w, createGraph: true);
        var hv = Autograd.Grad((g * Tensor.FromArray(new[] { 1.0, 0.0 })).Sum(), w);

        Assert.Equal([12.0, 0.0], hv.ToArray());
    }

    [Fact]
    public void Taste_GradCheckOfSinMatMul_Passes()
    {
        var check = GradCheck.Check(a => a[0].Sin().MatMul(a[1]).Sum(),
            [Tensor.Uniform([2, 3], -1.0, 1.0, seed: 1), Tensor.Uniform([3, 2], -1.0, 1.0, seed: 2)]);

        Assert.True(check.Passed, check.ToString());
    }
}
