using System.Numerics;
using System.Numerics.Tensors;
using NeuroScope.Kernels;

namespace NeuroScope.Compile;

/// <summary>A step of a blocked pass: runs its op on the output elements [start, start + count).</summary>
internal delegate void RangeStep(int start, int count);

/// <summary>
/// Binds an element-wise op to run on any range of its output's elements, for a <see cref="BlockedPass{T}"/>. Each
/// range calls the op's own kernel (the one <see cref="Steps{T}"/> and the dynamic engine call) on the range's
/// spans; an element's value does not depend on which span computed it as long as a span is not so short that the
/// kernel falls back to its scalar form, which the pass rules out (see <see cref="BlockedPass{T}.MinimumBlock"/>).
/// </summary>
internal static class RangeSteps<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // How an operand is read by a range of the output.
    private enum Operand { Same, Scalar, Row }

    /// <summary>
    /// The op as a range step, or null when it is not element-wise in that sense: reductions, products, data movement,
    /// and broadcasts other than a single value or one row repeated over the output's rows.
    /// </summary>
    /// <param name="rowLength">Set to the row length a range must be made of whole rows of, or 0 when any range will do.</param>
    public static RangeStep? Bind(TraceNode<T> node, Func<int, T[]> buffer, Func<int, int[]> dimsOf, out int rowLength)
    {
        rowLength = 0;
        var yDims = dimsOf(node.Output);
        int length = ShapeUtil.Product(yDims);
        var inputs = node.Inputs;
        var kinds = new Operand[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            var kind = Classify(dimsOf(inputs[i]), yDims, length);
            if (kind is not { } known)
                return null;
            kinds[i] = known;
            if (known == Operand.Row)
                rowLength = yDims[^1];
        }
        bool allSame = Array.TrueForAll(kinds, k => k == Operand.Same);
        var y = buffer(node.Output);
        var x = buffer(inputs[0]);
        T s = node.Scalar, s2 = node.Scalar2;
        switch (node.Op)
        {
            case OpCode.Add: return Binary<AddOperator<T>>(x, kinds[0], buffer(inputs[1]), kinds[1], y, rowLength);
            case OpCode.Sub: return Binary<SubtractOperator<T>>(x, kinds[0], buffer(inputs[1]), kinds[1], y, rowLength);
            case OpCode.Mul: return Binary<MultiplyOperator<T>>(x, kinds[0], buffer(inputs[1]), kinds[1], y, rowLength);
            case OpCode.Div: return Binary<DivideOperator<T>>(x, kinds[0], buffer(inputs[1]), kinds[1], y, rowLength);
            case OpCode.Greater: return Binary<CompareOperator<T, GreaterRule<T>>>(x, kinds[0], buffer(inputs[1]), kinds[1], y, rowLength);
            case OpCode.GreaterEqual: return Binary<CompareOperator<T, GreaterEqualRule<T>>>(x, kinds[0], buffer(inputs[1]), kinds[1], y, rowLength);
            case OpCode.Less: return Binary<CompareOperator<T, LessRule<T>>>(x, kinds[0], buffer(inputs[1]), kinds[1], y, rowLength);
            case OpCode.LessEqual: return Binary<CompareOperator<T, LessEqualRule<T>>>(x, kinds[0], buffer(inputs[1]), kinds[1], y, rowLength);
            case OpCode.Equal: return Binary<CompareOperator<T, EqualRule<T>>>(x, kinds[0], buffer(inputs[1]), kinds[1], y, rowLength);
            case OpCode.Where:
            {
                if (rowLength != 0)
                    return null;
                var a = buffer(inputs[1]);
                var b = buffer(inputs[2]);
                int cStep = kinds[0] == Operand.Same ? 1 : 0, aStep = kinds[1] == Operand.Same ? 1 : 0, bStep = kinds[2] == Operand.Same ? 1 : 0;
                return (start, count) =>
                {
                    for (int i = start; i < start + count; i++)
                        y[i] = x[i * cStep] != T.Zero ? a[i * aStep] : b[i * bStep];
                };
            }
        }
        // The rest read one operand of the output's length.
        if (inputs.Length != 1 || !allSame)
            return null;
        switch (node.Op)
        {
            case OpCode.Neg: return (start, count) => TensorPrimitives.Negate<T>(x.AsSpan(start, count), y.AsSpan(start, count));
            case OpCode.AddScalar: return (start, count) => TensorPrimitives.Add<T>(x.AsSpan(start, count), s, y.AsSpan(start, count));
            case OpCode.MulScalar: return (start, count) => TensorPrimitives.Multiply<T>(x.AsSpan(start, count), s, y.AsSpan(start, count));
            case OpCode.DivScalar: return (start, count) => TensorPrimitives.Divide<T>(x.AsSpan(start, count), s, y.AsSpan(start, count));
            case OpCode.DivideInto: return (start, count) => TensorPrimitives.Divide<T>(s, x.AsSpan(start, count), y.AsSpan(start, count));
            case OpCode.Pow:
                if (s == T.CreateTruncating(2)) return (start, count) => TensorPrimitives.Multiply<T>(x.AsSpan(start, count), x.AsSpan(start, count), y.AsSpan(start, count));
                if (s == T.One) return (start, count) => x.AsSpan(start, count).CopyTo(y.AsSpan(start, count));
                return (start, count) => TensorPrimitives.Pow<T>(x.AsSpan(start, count), s, y.AsSpan(start, count));
            case OpCode.GreaterScalar: return (start, count) => CompareOperator<T, GreaterRule<T>>.Apply(x.AsSpan(start, count), s, y.AsSpan(start, count));
            case OpCode.GreaterEqualScalar: return (start, count) => CompareOperator<T, GreaterEqualRule<T>>.Apply(x.AsSpan(start, count), s, y.AsSpan(start, count));
            case OpCode.LessScalar: return (start, count) => CompareOperator<T, LessRule<T>>.Apply(x.AsSpan(start, count), s, y.AsSpan(start, count));
            case OpCode.LessEqualScalar: return (start, count) => CompareOperator<T, LessEqualRule<T>>.Apply(x.AsSpan(start, count), s, y.AsSpan(start, count));
            case OpCode.EqualScalar: return (start, count) => CompareOperator<T, EqualRule<T>>.Apply(x.AsSpan(start, count), s, y.AsSpan(start, count));
            case OpCode.Sign:
                return (start, count) =>
                {
                    for (int i = start; i < start + count; i++)
                        y[i] = ScalarOps<T>.Sign(x[i]);
                };
            case OpCode.Clamp:
                return (start, count) =>
                {
                    TensorPrimitives.Max(x.AsSpan(start, count), s, y.AsSpan(start, count));
                    TensorPrimitives.Min(y.AsSpan(start, count), s2, y.AsSpan(start, count));
                };
            case OpCode.Exp or OpCode.Log or OpCode.Sqrt or OpCode.Abs or OpCode.Sin or OpCode.Cos or OpCode.Tanh
                or OpCode.Sigmoid or OpCode.Relu or OpCode.Softplus or OpCode.Step:
            {
                var kernel = node.Kernel!;
                return (start, count) => kernel(x.AsSpan(start, count), y.AsSpan(start, count));
            }
            case OpCode.Copy or OpCode.BroadcastTo: return (start, count) => x.AsSpan(start, count).CopyTo(y.AsSpan(start, count));
            default: return null;
        }
    }

    /// <summary>Whether <see cref="Bind"/> binds the op, and the row length its ranges must be made of.</summary>
    public static bool Supports(TraceNode<T> node, Func<int, int[]> dimsOf, out int rowLength) =>
        Bind(node, static _ => [], dimsOf, out rowLength) is not null;

    private static Operand? Classify(int[] dims, int[] yDims, int length)
    {
        int operandLength = ShapeUtil.Product(dims);
        if (operandLength == length)
            return Operand.Same;
        if (operandLength == 1)
            return Operand.Scalar;
        // One row repeated over the output's rows: the operand's last dimension is the output's and the rest are 1.
        int rank = yDims.Length;
        if (rank == 0 || dims.Length == 0 || operandLength != yDims[^1] || dims[^1] != yDims[^1] || dims.Length > rank)
            return null;
        return Operand.Row;
    }

    // Same-length operands are read at the range; a row operand whole, once per row of the range (as Layout.Binary
    // does); a single value as a scalar.
    private static RangeStep Binary<TOp>(T[] a, Operand aKind, T[] b, Operand bKind, T[] d, int rowLength) where TOp : IBinaryOperator<T>
    {
        if (rowLength == 0)
        {
            return (aKind, bKind) switch
            {
                (Operand.Same, Operand.Same) => (start, count) => TOp.Apply(a.AsSpan(start, count), b.AsSpan(start, count), d.AsSpan(start, count)),
                (Operand.Same, _) => (start, count) => TOp.Apply(a.AsSpan(start, count), b[0], d.AsSpan(start, count)),
                (_, Operand.Same) => (start, count) => TOp.Apply(a[0], b.AsSpan(start, count), d.AsSpan(start, count)),
                _ => (start, count) => d.AsSpan(start, count).Fill(TOp.Apply(a[0], b[0])),
            };
        }
        int inner = rowLength;
        return (start, count) =>
        {
            for (int offset = start; offset < start + count; offset += inner)
            {
                var dRow = d.AsSpan(offset, inner);
                ReadOnlySpan<T> aRow = aKind == Operand.Same ? a.AsSpan(offset, inner) : a, bRow = bKind == Operand.Same ? b.AsSpan(offset, inner) : b;
                if (aKind != Operand.Scalar && bKind != Operand.Scalar) TOp.Apply(aRow, bRow, dRow);
                else if (aKind != Operand.Scalar) TOp.Apply(aRow, b[0], dRow);
                else TOp.Apply(a[0], bRow, dRow);
            }
        };
    }
}
