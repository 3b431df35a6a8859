using NeuroScope.Compile;
using NeuroScope.Diagnostics;
using NeuroScope.Nn;
using NeuroScope.Optim;

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

    [Fact]
    public void CompiledSteps_TrainingLoop_LearnsAndReportsItsPlan()
    {
        var model = new Mlp<float>(1, [64, 64], 1, Activation.Tanh, new Random(0));
        var parameters = model.Parameters().ToList();
        var optimizer = new GradientDescent<float>(parameters, learningRate: 0.05);
        var step = Compiler.Compile<float>(inputs =>
        {
            var loss = Losses.Mse(model.Forward(inputs[0]), inputs[1]);
            return [loss, .. Autograd.Grad([loss], parameters)];
        });
        var x = Tensor.Linspace(-3f, 3f, 256).Reshape(-1, 1);
        var y = x.Sin();

        var losses = new List<float>();
        for (int i = 0; i < 100; i++)
        {
            var outputs = step.Run(x, y);
            losses.Add(outputs[0].Item());
            for (int p = 0; p < parameters.Count; p++)
                parameters[p].Grad = outputs[1 + p];
            optimizer.Step();
        }

        Assert.True(losses[^1] < losses[0] / 2, $"loss {losses[0]} -> {losses[^1]}");
        Assert.StartsWith("33 traced ops, 33 live; 27 steps, 3 fused loops holding 9 ops;", step.Statistics!.ToString());
    }

    [Fact]
    public void CompiledSteps_SoftClipWithWhere_TakesEachSidePerElement()
    {
        var softClip = Compiler.Compile<double>(a => [Tensor.Where(a[0].Greater(1.0), a[0].Sqrt(), a[0])]);

        var result = softClip.Run(Tensor.FromArray([0.5, 4.0, -2.0]));

        Assert.Equal([0.5, 2.0, -2.0], result[0].ToArray());
    }
}
