using NeuroScope.Compile;
using NeuroScope.Nn;
using NeuroScope.Optim;

namespace NeuroScope.Tests;

/// <summary>The README's compiled-step examples, beside the README's complete programs that tests/NeuroScope.Examples.Tests runs as written.</summary>
public class ReadmeExamplesTests
{
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
        Assert.StartsWith("33 traced ops, 33 live; 15 steps, 3 fused loops holding 9 ops, 4 blocked passes (4 as matrix multiplies' epilogues) holding 12 ops;", step.Statistics!.ToString());
    }

    [Fact]
    public void CompiledSteps_SoftClipWithWhere_TakesEachSidePerElement()
    {
        var softClip = Compiler.Compile<double>(a => [Tensor.Where(a[0].Greater(1.0), a[0].Sqrt(), a[0])]);

        var result = softClip.Run(Tensor.FromArray([0.5, 4.0, -2.0]));

        Assert.Equal([0.5, 2.0, -2.0], result[0].ToArray());
    }
}
