using NeuroScope.Compile;
using NeuroScope.Tests.Ops;

namespace NeuroScope.Tests.Compile;

using Autograd = NeuroScope.Autograd;

/// <summary>
/// Every op of the gradient table, run through a compiled plan: the same bits as the dynamic engine, and derivatives
/// of order 1 and 2 that match finite differences. Each case runs twice: with the default plan (short element-wise
/// chains in generated loops) and with every chain in blocked passes cut into many small blocks. Matrix multiplies
/// large enough for a row-block path are checked with their bias and activation in the product's epilogue.
/// </summary>
public class CompiledOpGradientTests
{
    public static TheoryData<string, string> CaseNames() => OpGradientTests.CaseNames();

    // Every chain a blocked pass (no generated loops), in blocks of 64 elements: the smallest a pass makes.
    private static readonly CompileOptions Blocked = new() { FuseMaxLength = 0, BlockElements = 64 };

    // Products big enough for the row-block path, each transpose combination and the outer product (k = 1), with a
    // bias (a row broadcast over the product's rows) and an activation fused into the epilogue.
    internal static IEnumerable<OpGradientTests.Case> EpilogueCases()
    {
        foreach (bool ta in new[] { false, true })
        {
            foreach (bool tb in new[] { false, true })
            {
                int[] a = ta ? [12, 20] : [20, 12], b = tb ? [24, 12] : [12, 24];
                yield return new("MatMul+bias+tanh", $"{Shape(a)}{(ta ? "ᵀ" : "")}·{Shape(b)}{(tb ? "ᵀ" : "")}",
                    x => (x[0].MatMul(x[1], ta, tb) + x[2]).Tanh(), [Tensor.Uniform(a, -1.0, 1.0, 70), Tensor.Uniform(b, -1.0, 1.0, 71), Tensor.Uniform([24], -1.0, 1.0, 72)]);
            }
        }
        yield return new("MatMul+bias+sigmoid", "[40, 1]·[1, 24]", x => (x[0].MatMul(x[1]) + x[2]).Sigmoid(),
            [Tensor.Uniform([40, 1], -1.0, 1.0, 73), Tensor.Uniform([1, 24], -1.0, 1.0, 74), Tensor.Uniform([1, 24], -1.0, 1.0, 75)]);
        yield return new("MatMul+bias+relu·2", "[33, 16]·[16, 40]", x => (x[0].MatMul(x[1]) + x[2]).Relu() * 2.0,
            [Tensor.Uniform([33, 16], -1.0, 1.0, 76), Tensor.Uniform([16, 40], -1.0, 1.0, 77), Tensor.Uniform([40], -1.0, 1.0, 78)]);
    }

    public static TheoryData<string, string> EpilogueCaseNames()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in EpilogueCases())
            data.Add(c.Op, c.Shapes);
        return data;
    }

    private static string Shape(int[] dims) => $"[{string.Join(", ", dims)}]";

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
    public void Op_Compiled_EqualsDynamicBitForBit_AndMatchesFiniteDifferencesAtOrders1And2(string op, string shapes) =>
        CheckCompiled(OpGradientTests.Cases().First(c => c.Op == op && c.Shapes == shapes), null);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Op_InBlockedPasses_EqualsDynamicBitForBit_AndMatchesFiniteDifferencesAtOrders1And2(string op, string shapes) =>
        CheckCompiled(OpGradientTests.Cases().First(c => c.Op == op && c.Shapes == shapes), Blocked);

    [Theory]
    [MemberData(nameof(EpilogueCaseNames))]
    public void MatMulEpilogue_EqualsDynamicBitForBit_AndMatchesFiniteDifferencesAtOrders1And2(string op, string shapes)
    {
        var c = EpilogueCases().First(c => c.Op == op && c.Shapes == shapes);
        var statistics = CheckCompiled(c, Blocked);
        // The forward product and at least one gradient product carry element-wise work in their epilogues.
        Assert.True(statistics.Epilogues >= 2, $"{op} on {shapes}: {statistics}");
    }

    private static PlanStatistics CheckCompiled(OpGradientTests.Case c, CompileOptions? options)
    {
        const double H = 1e-5, Tolerance = 1e-6;
        string op = c.Op, shapes = c.Shapes;
        var (args, count) = Arguments(c);
        var compiled = Compiler.Compile<double>(a => Step(c.Function, a, count), options);
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
        return compiled.Statistics!;
    }

    private static double Error(double analytic, double numeric)
    {
        double error = Math.Abs(analytic - numeric) / Math.Max(1.0, Math.Abs(numeric));
        return double.IsNaN(error) ? double.PositiveInfinity : error;
    }
}
