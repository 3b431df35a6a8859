using NeuroScope.Diagnostics;
using NeuroScope.Nn;

namespace NeuroScope.Tests.Diagnostics;

public class CompiledHessianTests
{
    [Fact]
    public void Products_AtSeveralPoints_EqualHessianOperatorBitForBit()
    {
        var model = new Mlp<double>(1, [6, 5], 1, Activation.Tanh, new Random(3));
        var parameters = model.Parameters().ToList();
        var x = Tensor.Linspace(-2.0, 2.0, 12).Reshape(-1, 1);
        var y = x.Sin();
        Tensor<double> Loss() => Losses.Mse(model.Forward(x), y);
        var compiled = new CompiledHessian<double>(Loss, parameters);
        var random = new Random(5);

        for (int point = 0; point < 3; point++)
        {
            var dynamic = new HessianOperator<double>(Loss, parameters);
            var replayed = compiled.At();
            Assert.Equal(dynamic.Loss, replayed.Loss);
            Assert.Equal(dynamic.Gradient.ToArray(), replayed.Gradient.ToArray());
            for (int product = 0; product < 3; product++)
            {
                var v = Tensor.Normal([dynamic.Dimension], 0.0, 1.0, random);

                Assert.Equal(dynamic.Multiply(v).ToArray(), replayed.Multiply(v).ToArray());
            }
            // Move to another point, as a training step does, in place.
            foreach (var p in parameters)
            {
                var span = p.AsSpan();
                for (int i = 0; i < span.Length; i++)
                    span[i] *= 0.9;
            }
        }
    }

    [Fact]
    public void PowerIteration_OnCompiledOperator_FindsTheDynamicEigenvalue()
    {
        var w = Tensor.FromArray([1.0, -2.0, 0.5]).RequireGrad();
        Tensor<double> Loss() => (w.Pow(4.0).Sum() + (w * w).Sum()) * 0.5;
        var compiled = new CompiledHessian<double>(Loss, [w]);

        var top = Hessian.PowerIteration(compiled.At(), maxIterations: 200, tolerance: 1e-12);

        // H = diag(6w² + 1): the largest entry is 6·4 + 1 = 25.
        Assert.Equal(25.0, top.Eigenvalue, 9);
    }
}
