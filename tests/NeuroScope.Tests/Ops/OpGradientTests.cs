using System.Reflection;
using NeuroScope.Diagnostics;

namespace NeuroScope.Tests.Ops;

public class OpGradientTests
{
    // Input generators: general values, strictly positive values, values kept away from kinks at 0.
    private static Tensor<double> Any(int seed, params int[] shape) => Tensor.Uniform(shape, -2.0, 2.0, seed);
    private static Tensor<double> Positive(int seed, params int[] shape) => Tensor.Uniform(shape, 0.5, 2.5, seed);
    private static Tensor<double> AwayFromZero(int seed, params int[] shape)
    {
        var t = Tensor.Uniform(shape, 0.2, 2.0, seed);
        var span = t.AsSpan();
        for (int i = 0; i < span.Length; i += 2)
            span[i] = -span[i];
        return t;
    }

    internal sealed record Case(string Op, string Shapes, Func<Tensor<double>[], Tensor<double>> Function, Tensor<double>[] Inputs);

    // Every differentiable op, on scalar, vector, matrix and broadcast shapes. A new public op without an
    // entry here fails EveryPublicOp_HasAGradientCase.
    internal static IEnumerable<Case> Cases()
    {
        foreach (var (shapeA, shapeB, label) in BroadcastPairs())
        {
            yield return new("Add", label, x => x[0] + x[1], [Any(1, shapeA), Any(2, shapeB)]);
            yield return new("Sub", label, x => x[0] - x[1], [Any(3, shapeA), Any(4, shapeB)]);
            yield return new("Mul", label, x => x[0] * x[1], [Any(5, shapeA), Any(6, shapeB)]);
            yield return new("Div", label, x => x[0] / x[1], [Any(7, shapeA), Positive(8, shapeB)]);
            yield return new("Maximum", label, x => x[0].Maximum(x[1]), [Any(9, shapeA), Any(10, shapeB)]);
            yield return new("Minimum", label, x => x[0].Minimum(x[1]), [Any(11, shapeA), Any(12, shapeB)]);
            yield return new("Where", label, x => Tensor.Where(x[0].Greater(0.0), x[0], x[1]), [Any(13, shapeA), Any(14, shapeB)]);
        }
        foreach (var (shape, label) in Shapes())
        {
            yield return new("Neg", label, x => -x[0], [Any(20, shape)]);
            yield return new("Add(scalar)", label, x => x[0] + 1.5, [Any(21, shape)]);
            yield return new("Mul(scalar)", label, x => x[0] * 1.5, [Any(22, shape)]);
            yield return new("Div(scalar)", label, x => x[0] / 3.0, [Any(23, shape)]);
            yield return new("DivideInto", label, x => 2.0 / x[0], [Positive(24, shape)]);
            yield return new("Pow", label, x => x[0].Pow(2.5), [Positive(25, shape)]);
            yield return new("Square", label, x => x[0].Square(), [Any(26, shape)]);
            yield return new("Exp", label, x => x[0].Exp(), [Any(27, shape)]);
            yield return new("Log", label, x => x[0].Log(), [Positive(28, shape)]);
            yield return new("Sqrt", label, x => x[0].Sqrt(), [Positive(29, shape)]);
            yield return new("Abs", label, x => x[0].Abs(), [AwayFromZero(30, shape)]);
            yield return new("Sin", label, x => x[0].Sin(), [Any(31, shape)]);
            yield return new("Cos", label, x => x[0].Cos(), [Any(32, shape)]);
            yield return new("Tanh", label, x => x[0].Tanh(), [Any(33, shape)]);
            yield return new("Sigmoid", label, x => x[0].Sigmoid(), [Any(34, shape)]);
            yield return new("Relu", label, x => x[0].Relu(), [AwayFromZero(35, shape)]);
            yield return new("Softplus", label, x => x[0].Softplus(), [Any(36, shape)]);
            yield return new("Sign", label, x => x[0].Sign() * x[0], [AwayFromZero(37, shape)]);
            yield return new("Clamp", label, x => x[0].Clamp(-0.1, 0.1), [AwayFromZero(38, shape)]);
            yield return new("Sum", label, x => x[0].Sum(), [Any(39, shape)]);
            yield return new("Mean", label, x => x[0].Mean(), [Any(40, shape)]);
            yield return new("Max", label, x => x[0].Max(), [Any(41, shape)]);
            yield return new("Min", label, x => x[0].Min(), [Any(42, shape)]);
            yield return new("Norm", label, x => x[0].Norm(), [Any(43, shape)]);
            yield return new("NormL1", label, x => x[0].NormL1(), [AwayFromZero(44, shape)]);
            yield return new("Flatten", label, x => x[0].Flatten() * x[0].Flatten(), [Any(45, shape)]);
            yield return new("Reshape", label, x => x[0].Reshape(-1, 1).Exp(), [Any(46, shape)]);
            yield return new("Unsqueeze", label, x => x[0].Unsqueeze(0).Sin(), [Any(47, shape)]);
        }
        // Axis reductions over each axis of a 3-D tensor, kept and dropped.
        foreach (int axis in new[] { 0, 1, -1 })
        {
            foreach (bool keep in new[] { false, true })
            {
                string label = $"[2, 3, 4] axis {axis} keep {keep}";
                yield return new("Sum(axis)", label, x => x[0].Sum(axis, keep).Square(), [Any(50, 2, 3, 4)]);
                yield return new("Mean(axis)", label, x => x[0].Mean(axis, keep).Square(), [Any(51, 2, 3, 4)]);
                yield return new("Max(axis)", label, x => x[0].Max(axis, keep).Square(), [Any(52, 2, 3, 4)]);
                yield return new("Min(axis)", label, x => x[0].Min(axis, keep).Square(), [Any(53, 2, 3, 4)]);
            }
        }
        foreach (bool ta in new[] { false, true })
        {
            foreach (bool tb in new[] { false, true })
            {
                int[] a = ta ? [4, 3] : [3, 4], b = tb ? [5, 4] : [4, 5];
                yield return new("MatMul", $"{ShapeText(a)}{(ta ? "ᵀ" : "")}·{ShapeText(b)}{(tb ? "ᵀ" : "")}",
                    x => x[0].MatMul(x[1], ta, tb).Tanh(), [Any(60, a), Any(61, b)]);
            }
        }
        yield return new("MatMul", "[1, 1]·[1, 1]", x => x[0].MatMul(x[1]).Square(), [Any(62, 1, 1), Any(63, 1, 1)]);
        yield return new("Dot", "[5]·[5]", x => x[0].Dot(x[1]).Square(), [Any(64, 5), Any(65, 5)]);
        yield return new("Transpose", "[3, 4]", x => x[0].Transpose() * Tensor.Arange<double>(3), [Any(66, 3, 4)]);
        yield return new("Squeeze", "[3, 1, 2]", x => x[0].Squeeze(1).Exp(), [Any(67, 3, 1, 2)]);
        yield return new("Squeeze", "[1, 3, 1] all", x => x[0].Squeeze().Exp(), [Any(68, 1, 3, 1)]);
        yield return new("BroadcastTo", "[3, 1] → [2, 3, 4]", x => x[0].BroadcastTo(2, 3, 4).Sin(), [Any(69, 3, 1)]);
        yield return new("SumTo", "[2, 3, 4] → [3, 1]", x => x[0].SumTo(3, 1).Square(), [Any(70, 2, 3, 4)]);
        yield return new("Slice", "[4, 3] axis 1", x => x[0].Slice(1, 1, 2).Square(), [Any(71, 4, 3)]);
        yield return new("Rows", "[5, 2]", x => x[0].Rows(1, 3).Exp(), [Any(72, 5, 2)]);
        yield return new("Embed", "[2, 3] into 5 rows", x => x[0].Embed(0, 2, 5).Exp(), [Any(73, 2, 3)]);
        yield return new("IndexRows", "[4, 2] with repeats", x => x[0].IndexRows(3, 0, 3).Square(), [Any(74, 4, 2)]);
        yield return new("IndexAddRows", "[3, 2] into 4 rows", x => x[0].IndexAddRows([1, 1, 3], 4).Square(), [Any(75, 3, 2)]);
        yield return new("Concat", "[2, 3] ++ [1, 3]", x => Tensor.Concat([x[0], x[1]], 0).Square(), [Any(76, 2, 3), Any(77, 1, 3)]);
        yield return new("Concat", "[2, 3] ++ [2, 1] axis 1", x => Tensor.Concat([x[0], x[1]], 1).Exp(), [Any(78, 2, 3), Any(79, 2, 1)]);
        yield return new("Stack", "[3] and [3]", x => Tensor.Stack([x[0], x[1]], 1).Square(), [Any(80, 3), Any(81, 3)]);
    }

    private static IEnumerable<(int[] Shape, string Label)> Shapes() =>
        [([], "scalar"), ([5], "vector [5]"), ([3, 4], "matrix [3, 4]")];

    private static IEnumerable<(int[] A, int[] B, string Label)> BroadcastPairs() =>
    [
        ([], [], "scalar, scalar"),
        ([5], [5], "[5], [5]"),
        ([3, 4], [3, 4], "[3, 4], [3, 4]"),
        ([3, 4], [4], "[3, 4], [4]"),
        ([3, 1], [1, 4], "[3, 1], [1, 4]"),
        ([2, 3, 4], [3, 1], "[2, 3, 4], [3, 1]"),
        ([], [3, 2], "scalar, [3, 2]"),
    ];

    private static string ShapeText(int[] shape) => "[" + string.Join(", ", shape) + "]";

    public static TheoryData<string, string> CaseNames()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Cases())
            data.Add(c.Op, c.Shapes);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Op_FirstAndSecondOrderGradients_MatchFiniteDifferences(string op, string shapes)
    {
        var c = Cases().First(c => c.Op == op && c.Shapes == shapes);

        var result = GradCheck.Check(c.Function, c.Inputs, tolerance: 1e-6);

        Assert.True(result.Passed, $"{op} on {shapes}: {result}");
    }

    [Fact]
    public void EveryPublicOp_HasAGradientCase()
    {
        var covered = Cases().Select(c => c.Op.Split('(')[0]).ToHashSet();
        // Not differentiable (masks), not operations on values, or composed only of covered ops.
        var exempt = new HashSet<string>
        {
            "get_Grad", "Greater", "GreaterEqual", "Less", "LessEqual", "Equal", "Detach", "Clone", "RequireGrad", "Cast",
            "ToDouble", "ToFloat", "Zeros", "Ones", "Full", "ZerosLike", "OnesLike", "Scalar", "FromArray", "Arange",
            "Linspace", "Uniform", "Normal", "op_Addition", "op_Subtraction", "op_Multiply", "op_Division", "op_UnaryNegation",
            // Surrogate spikes: the backward pass deliberately is not the derivative of the forward step, so finite
            // differences cannot check it; the neuron experiment's tests check the surrogate against its formula.
            "HeavisideFastSigmoid", "HeavisideAtan",
        };
        var methods = typeof(Tensor<double>).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Concat(typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Tensor<>))
            .Select(m => m.Name)
            .Distinct();

        var missing = methods.Where(name => !covered.Contains(name) && !exempt.Contains(name)).ToList();

        Assert.True(missing.Count == 0, "Ops without a gradient-check case: " + string.Join(", ", missing));
    }
}
