using NeuroScope.Diagnostics;
using NeuroScope.Nn;

namespace NeuroScope.Tests.Nn;

public class MlpTests
{
    [Fact]
    public void Mlp_Structure_HasLinearLayersWithActivationsBetween()
    {
        var mlp = new Mlp<double>(3, [8, 5], 2, Activation.Relu, new Random(1));

        var names = mlp.NamedParameters().Select(p => p.Name).ToArray();
        var shapes = mlp.NamedParameters().Select(p => p.Value.Shape.ToArray()).ToArray();
        var children = mlp.NamedChildren().Select(c => (c.Name, c.Module.GetType())).ToArray();

        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"], names);
        Assert.Equal([[8, 3], [8], [5, 8], [5], [2, 5], [2]], shapes);
        Assert.Equal(
            [("0", typeof(Linear<double>)), ("1", typeof(Relu<double>)), ("2", typeof(Linear<double>)), ("3", typeof(Relu<double>)), ("4", typeof(Linear<double>))],
            children);
        Assert.Equal(8 * 3 + 8 + 5 * 8 + 5 + 2 * 5 + 2, mlp.ParameterCount);
        Assert.Equal(3, mlp.Layers.Count);
    }

    [Fact]
    public void Mlp_NoHiddenLayers_IsOneLinearLayer()
    {
        var mlp = new Mlp<float>(4, [], 1, random: new Random(2));

        Assert.Equal(1, mlp.Count);
        Assert.IsType<Linear<float>>(mlp[0]);
        Assert.Equal(5, mlp.ParameterCount);
    }

    [Fact]
    public void Mlp_Forward_EqualsLayersComposedByHand()
    {
        var mlp = new Mlp<double>(2, [4], 3, Activation.Tanh, new Random(3));
        var x = Tensor.Uniform([5, 2], -1.0, 1.0, 4);

        var y = mlp.Forward(x);

        var (first, last) = (mlp.Layers[0], mlp.Layers[1]);
        var hidden = (x.MatMul(first.Weight.Transpose()) + first.Bias!).Tanh();
        var expected = hidden.MatMul(last.Weight.Transpose()) + last.Bias!;
        Assert.Equal([5, 3], y.Shape.ToArray());
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected.AsSpan()[i], y.AsSpan()[i], 1e-12);
    }

    [Fact]
    public void Mlp_SameSeed_GivesSameParameters()
    {
        var a = new Mlp<double>(2, [6, 6], 1, random: new Random(11));
        var b = new Mlp<double>(2, [6, 6], 1, random: new Random(11));

        Assert.Equal(a.ParametersToVector().ToArray(), b.ParametersToVector().ToArray());
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Softplus)]
    public void Mlp_LossGradientInInputs_PassesGradCheckToSecondOrder(Activation activation)
    {
        var mlp = new Mlp<double>(2, [5, 4], 1, activation, new Random(5));
        var x = Tensor.Uniform([6, 2], -1.0, 1.0, 6);
        var target = Tensor.Uniform([6, 1], -1.0, 1.0, 7);

        var result = GradCheck.Check(args => Losses.Mse(mlp.Forward(args[0]), args[1]), [x, target]);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Mlp_ParameterGradients_MatchCentralDifferences()
    {
        var mlp = new Mlp<double>(2, [4], 2, Activation.Tanh, new Random(8));
        var x = Tensor.Uniform([5, 2], -1.0, 1.0, 9);
        var target = Tensor.Uniform([5, 2], -1.0, 1.0, 10);
        double Loss()
        {
            using var _ = Autograd.NoGrad();
            return Losses.Mse(mlp.Forward(x), target).Item();
        }

        Losses.Mse(mlp.Forward(x), target).Backward();
        var analytic = mlp.GradientsToVector().ToArray();

        const double step = 1e-6;
        var theta = mlp.ParametersToVector();
        for (int i = 0; i < theta.Length; i++)
        {
            var shifted = theta.Clone();
            shifted.AsSpan()[i] += step;
            mlp.VectorToParameters(shifted);
            double plus = Loss();
            shifted.AsSpan()[i] -= 2 * step;
            mlp.VectorToParameters(shifted);
            double minus = Loss();
            Assert.Equal((plus - minus) / (2 * step), analytic[i], 1e-7);
        }
    }

    [Fact]
    public void Mlp_InvalidWidths_NameTheOffender()
    {
        var hidden = Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp<double>(2, [4, 0], 1));
        var inputs = Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp<double>(0, [4], 1));

        Assert.Equal("hiddenWidths", hidden.ParamName);
        Assert.Contains("hidden width 1 is 0", hidden.Message);
        Assert.Equal("inputs", inputs.ParamName);
    }

    [Fact]
    public void Mlp_ToString_ListsLayersInPyTorchStyle()
    {
        var mlp = new Mlp<double>(2, [3], 1, Activation.Relu, new Random(12));

        string text = mlp.ToString();

        Assert.Equal(
            "Mlp(\n  (0): Linear(inFeatures: 2, outFeatures: 3, bias: true)\n  (1): Relu()\n  (2): Linear(inFeatures: 3, outFeatures: 1, bias: true)\n)",
            text);
    }
}
