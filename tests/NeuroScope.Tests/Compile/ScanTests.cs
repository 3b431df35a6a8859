using NeuroScope.Compile;

namespace NeuroScope.Tests.Compile;

using Autograd = NeuroScope.Autograd;

/// <summary>The loop primitive: the same values and derivatives (orders 1 and 2) as the unrolled loop, in the dynamic engine and inside compiled plans.</summary>
public class ScanTests
{
    private const int Steps = 7;

    // h ← tanh(a·h + u_k)·b + h·c (a vector carry, a scalar sequence entry, three constants), with output h·u_k per step.
    private static ScanStep<double> Cell(Tensor<double>[] carry, Tensor<double>[] x, Tensor<double>[] k)
    {
        var h = carry[0];
        var next = (k[0] * h + x[0]).Tanh() * k[1] + h * k[2];
        return new ScanStep<double>([next], [h * x[0]]);
    }

    private static readonly Scan<double> Loop = new(Cell);

    // The objective Σ final·w1 + Σ outputs·w2, by the scan or unrolled in the dynamic engine.
    private static Tensor<double> Objective(Tensor<double>[] p, bool unrolled)
    {
        var (h0, u, a, b, c, w1, w2) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
        Tensor<double> final, outputs;
        if (unrolled)
        {
            var h = h0;
            var ys = new List<Tensor<double>>();
            for (int k = 0; k < Steps; k++)
            {
                var step = Cell([h], [u.Slice(0, k, 1).Reshape()], [a, b, c]);
                h = step.Carry[0];
                ys.Add(step.Outputs[0]);
            }
            final = h;
            outputs = Tensor.Stack(ys);
        }
        else
        {
            var result = Loop.Run([h0], [u], [a, b, c]);
            final = result.Carry[0];
            outputs = result.Outputs[0];
        }
        return (final * w1).Sum() + (outputs * w2).Sum();
    }

    // The objective, its gradient with respect to h0, u, a, b, c (recorded), and the Hessian-vector product along v.
    private static Tensor<double>[] WithDerivatives(Tensor<double>[] args, bool unrolled)
    {
        var p = args[..7];
        var v = args[7..];
        var wrt = p[..5];
        var objective = Objective(p, unrolled);
        var gradients = Autograd.Grad([objective], wrt, null, createGraph: true);
        var directional = Tensor.Scalar(0.0);
        for (int i = 0; i < wrt.Length; i++)
            directional += (gradients[i] * v[i]).Sum();
        var hessianVector = Autograd.Grad([directional], wrt);
        return [objective, directional, .. gradients, .. hessianVector];
    }

    private static Tensor<double>[] Arguments()
    {
        var random = new Random(3);
        Tensor<double> Draw(params int[] shape) => Tensor.Normal(shape, 0.0, 0.5, random);
        var p = new[] { Draw(3), Draw(Steps), Draw(), Draw(), Draw(), Draw(3), Draw(Steps, 3) };
        foreach (var t in p[..5])
            t.RequiresGrad = true;
        var v = p[..5].Select(t => Draw(t.Shape.ToArray())).ToArray();
        return [.. p, .. v];
    }

    [Fact]
    public void Scan_Dynamic_EqualsUnrolledLoop_ValuesGradientsAndHessianVectorProducts()
    {
        var args = Arguments();

        var expected = WithDerivatives(args, unrolled: true);
        var actual = WithDerivatives(args, unrolled: false);

        AssertClose(expected, actual, 1e-13);
    }

    [Fact]
    public void Scan_InCompiledPlan_EqualsDynamic_AndMatchesFiniteDifferencesAtOrders1And2()
    {
        const double H = 1e-5, Tolerance = 1e-6;
        var args = Arguments();
        var compiled = Compiler.Compile<double>(a => WithDerivatives(a, unrolled: false));
        var expected = WithDerivatives(args, unrolled: true);

        var outputs = compiled.Run(args).Select(t => t.Clone()).ToArray();

        AssertClose(expected, outputs, 1e-13);
        // The steps are not unrolled: the plan holds four loops (the loop and its gradient loop; then, for the
        // Hessian-vector product, the gradient loops of both) and no tanh of its own: the body's ops live in their plans.
        var lines = compiled.Listing!.Split('\n');
        Assert.Equal(4, lines.Count(l => l.StartsWith("Scan ", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith("Tanh", StringComparison.Ordinal));
        double worstFirst = 0, worstSecond = 0;
        for (int i = 0; i < 5; i++)
        {
            var data = args[i].AsSpan();
            for (int e = 0; e < data.Length; e++)
            {
                double original = data[e];
                data[e] = original + H;
                var plus = compiled.Run(args);
                double objectivePlus = plus[0].Item(), directionalPlus = plus[1].Item();
                data[e] = original - H;
                var minus = compiled.Run(args);
                double objectiveMinus = minus[0].Item(), directionalMinus = minus[1].Item();
                data[e] = original;
                worstFirst = Math.Max(worstFirst, Error(outputs[2 + i].AsSpan()[e], (objectivePlus - objectiveMinus) / (2 * H)));
                worstSecond = Math.Max(worstSecond, Error(outputs[7 + i].AsSpan()[e], (directionalPlus - directionalMinus) / (2 * H)));
            }
        }
        Assert.True(worstFirst <= Tolerance, $"first-order error {worstFirst:E2}");
        Assert.True(worstSecond <= Tolerance, $"second-order error {worstSecond:E2}");
    }

    [Fact]
    public void Scan_BodyTracedOncePerShape_AndCompiledReplayAllocatesNothing()
    {
        var scan = new Scan<double>((c, x, k) => new ScanStep<double>([c[0] * k[0] + x[0]], [c[0]]));
        var decay = Tensor.Scalar(0.5).RequireGrad();
        var step = Compiler.Compile<double>(a =>
        {
            var result = scan.Run([a[0]], [a[1]], [decay]);
            var loss = result.Outputs[0].Square().Sum();
            return [loss, Autograd.Grad(loss, decay)];
        });
        var h0 = Tensor.Scalar(1.0);
        var u = Tensor.FromArray(new double[100]);
        step.Run(h0, u);
        step.Run(h0, u);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var outputs = step.Run(h0, u);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1, scan.TraceCount);
        // h_k = 0.5^k: loss Σ 0.25^k, d/d(decay) = Σ 2k·0.5^(2k−1).
        double loss = 0, gradient = 0;
        for (int k = 0; k < 100; k++)
        {
            loss += Math.Pow(0.25, k);
            gradient += k == 0 ? 0 : 2 * k * Math.Pow(0.5, 2 * k - 1);
        }
        Assert.Equal(loss, outputs[0].Item(), 1e-12);
        Assert.Equal(gradient, outputs[1].Item(), 1e-12);
    }

    [Fact]
    public void Scan_Reverse_RunsFromTheLastEntry()
    {
        var scan = new Scan<double>((c, x, k) => new ScanStep<double>([c[0] * 10.0 + x[0]], [c[0]]), reverse: true);

        var result = scan.Run([Tensor.Scalar(0.0)], [Tensor.FromArray([1.0, 2.0, 3.0])]);

        Assert.Equal(321.0, result.Carry[0].Item());
        Assert.Equal([32.0, 3.0, 0.0], result.Outputs[0].ToArray());
    }

    [Fact]
    public void Scan_CarryChangesShape_NamesTheCarryAndBothShapes()
    {
        var scan = new Scan<double>((c, x, k) => new ScanStep<double>([Tensor.Concat([c[0], c[0]])], []));

        var error = Assert.Throws<ArgumentException>(() => scan.Run([Tensor.Zeros<double>(2)], [], length: 3));

        Assert.Contains("carry 0 of shape [4]", error.Message);
        Assert.Contains("[2]", error.Message);
    }

    [Fact]
    public void Scan_CapturedTensorThatRequiresGrad_SaysToPassItAsAConstant()
    {
        var weight = Tensor.Scalar(2.0).RequireGrad();
        var scan = new Scan<double>((c, x, k) => new ScanStep<double>([c[0] * weight], []));

        var error = Assert.Throws<NotSupportedException>(() => scan.Run([Tensor.Scalar(1.0)], [], length: 3));

        Assert.Contains("constants", error.Message);
    }

    [Fact]
    public void Scan_BodyReadsAValue_NamesTheReader()
    {
        var scan = new Scan<double>((c, x, k) => new ScanStep<double>([c[0] + c[0].Item()], []));

        var error = Assert.Throws<NotSupportedException>(() => scan.Run([Tensor.Scalar(1.0)], [], length: 3));

        Assert.Contains("Item", error.Message);
    }

    [Fact]
    public void Scan_SequencesOfDifferentLengths_NameTheSequence()
    {
        var scan = new Scan<double>((c, x, k) => new ScanStep<double>([c[0] + x[0] + x[1]], []));

        var error = Assert.Throws<ArgumentException>(() => scan.Run([Tensor.Scalar(0.0)], [Tensor.Zeros<double>(4), Tensor.Zeros<double>(5)]));

        Assert.Contains("sequence 1 has 5 entries", error.Message);
    }

    private static void AssertClose(Tensor<double>[] expected, IReadOnlyList<Tensor<double>> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Shape.ToArray(), actual[i].Shape.ToArray());
            var e = expected[i].ToArray();
            var a = actual[i].ToArray();
            for (int n = 0; n < e.Length; n++)
                Assert.True(Math.Abs(e[n] - a[n]) <= tolerance * Math.Max(1, Math.Abs(e[n])), $"output {i}[{n}]: {a[n]} vs {e[n]}");
        }
    }

    private static double Error(double analytic, double numeric)
    {
        double error = Math.Abs(analytic - numeric) / Math.Max(1.0, Math.Abs(numeric));
        return double.IsNaN(error) ? double.PositiveInfinity : error;
    }
}
