using NeuroScope.Compile;
using NeuroScope.Tests.Ops;

namespace NeuroScope.Tests.Compile;

using Autograd = NeuroScope.Autograd;

/// <summary>Every op of the gradient table, run through a compiled plan: the same bits as the dynamic engine, and derivatives of order 1 and 2 that match finite differences.</summary>
public class CompiledOpGradientTests
{
    public static TheoryData<string, string> CaseNames() => OpGradientTests.CaseNames();

    // One plan computes y = f(x), the gradient of Σ w·f(x) (recorded) and the Hessian-vector product along v.
    private static Tensor<double>[] Step(Func<Tensor<double>[], Tensor<double>> function, Tensor<double>[] args, int count)
    {
        var x = args[..count];
        var weights = args[count];
        var directions = args[(count + 1)..];
        var y = function(x);
        var objective = (y * weights).Sum();
        var gradients = objective.RequiresGrad
            ? Autograd.Grad([objective], x, null, createGraph: true)
            : Array.ConvertAll(x, t => Tensor.ZerosLike(t));
        var directional = Tensor.Scalar(0.0);
        for (int i = 0; i < count; i++)
            directional += (gradients[i] * directions[i]).Sum();
        var hessianVector = directional.RequiresGrad
            ? Autograd.Grad([directional], x)
            : Array.ConvertAll(x, t => Tensor.ZerosLike(t));
        return [objective, directional, .. gradients, .. hessianVector];
    }

    private static (Tensor<double>[] Args, int Count) Arguments(OpGradientTests.Case c)
    {
        var random = new Random(7);
        var x = c.Inputs.Select(t => t.Clone().RequireGrad()).ToArray();
        Tensor<double> sample;
        using (Autograd.NoGrad())
            sample = c.Function(x);
        var weights = Tensor.Normal(sample.Shape.ToArray(), 0.0, 1.0, random);
        var directions = x.Select(t => Tensor.Normal(t.Shape.ToArray(), 0.0, 1.0, random)).ToArray();
        return ([.. x, weights, .. directions], x.Length);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Op_Compiled_EqualsDynamicBitForBit_AndMatchesFiniteDifferencesAtOrders1And2(string op, string shapes)
    {
        const double H = 1e-5, Tolerance = 1e-6;
        var c = OpGradientTests.Cases().First(c => c.Op == op && c.Shapes == shapes);
        var (args, count) = Arguments(c);
        var compiled = Compiler.Compile<double>(a => Step(c.Function, a, count));
        var expected = Step(c.Function, args, count);

        var outputs = compiled.Run(args);

        // The plan runs the same kernels, or fused loops of exact scalar forms: the same bits as the dynamic engine.
        Assert.Equal(expected.Length, outputs.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Shape.ToArray(), outputs[i].Shape.ToArray());
            Assert.Equal(expected[i].ToArray(), outputs[i].ToArray());
        }
        var gradients = outputs.Skip(2).Take(count).Select(t => t.ToArray()).ToArray();
        var hessianVector = outputs.Skip(2 + count).Select(t => t.ToArray()).ToArray();

        double worstFirst = 0, worstSecond = 0;
        for (int i = 0; i < count; i++)
        {
            var data = args[i].AsSpan();
            for (int e = 0; e < data.Length; e++)
            {
                double original = data[e];
                args[i].AsSpan()[e] = original + H;
                var plus = compiled.Run(args);
                double objectivePlus = plus[0].Item(), directionalPlus = plus[1].Item();
                args[i].AsSpan()[e] = original - H;
                var minus = compiled.Run(args);
                double objectiveMinus = minus[0].Item(), directionalMinus = minus[1].Item();
                args[i].AsSpan()[e] = original;
                worstFirst = Math.Max(worstFirst, Error(gradients[i][e], (objectivePlus - objectiveMinus) / (2 * H)));
                worstSecond = Math.Max(worstSecond, Error(hessianVector[i][e], (directionalPlus - directionalMinus) / (2 * H)));
            }
        }

        Assert.True(worstFirst <= Tolerance, $"{op} on {shapes}: first-order error {worstFirst:E2}");
        Assert.True(worstSecond <= Tolerance, $"{op} on {shapes}: second-order error {worstSecond:E2}");
    }

    private static double Error(double analytic, double numeric)
    {
        double error = Math.Abs(analytic - numeric) / Math.Max(1.0, Math.Abs(numeric));
        return double.IsNaN(error) ? double.PositiveInfinity : error;
    }
}
