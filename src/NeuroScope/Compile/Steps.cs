using System.Numerics;
using System.Numerics.Tensors;
using NeuroScope.Kernels;

namespace NeuroScope.Compile;

/// <summary>
/// Binds one op that runs on its own (not fused) to its planned buffers: the step calls the same kernel the op calls
/// in the dynamic engine, so it gives the same bits, and it allocates nothing when it runs.
/// </summary>
internal static class Steps<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Action Bind(TraceNode<T> node, Func<int, T[]> buffer, Func<int, int[]> dimsOf)
    {
        var y = buffer(node.Output);
        var yDims = dimsOf(node.Output);
        var inputs = node.Inputs;
        var x = buffer(inputs[0]);
        var xDims = dimsOf(inputs[0]);
        T s = node.Scalar, s2 = node.Scalar2;
        int i0 = node.Ints.Length > 0 ? node.Ints[0] : 0, i1 = node.Ints.Length > 1 ? node.Ints[1] : 0;
        switch (node.Op)
        {
            case OpCode.Add: return Binary<AddOperator<T>>(x, xDims, buffer(inputs[1]), dimsOf(inputs[1]), y, yDims);
            case OpCode.Sub: return Binary<SubtractOperator<T>>(x, xDims, buffer(inputs[1]), dimsOf(inputs[1]), y, yDims);
            case OpCode.Mul: return Binary<MultiplyOperator<T>>(x, xDims, buffer(inputs[1]), dimsOf(inputs[1]), y, yDims);
            case OpCode.Div: return Binary<DivideOperator<T>>(x, xDims, buffer(inputs[1]), dimsOf(inputs[1]), y, yDims);
            case OpCode.Greater: return Binary<CompareOperator<T, GreaterRule<T>>>(x, xDims, buffer(inputs[1]), dimsOf(inputs[1]), y, yDims);
            case OpCode.GreaterEqual: return Binary<CompareOperator<T, GreaterEqualRule<T>>>(x, xDims, buffer(inputs[1]), dimsOf(inputs[1]), y, yDims);
            case OpCode.Less: return Binary<CompareOperator<T, LessRule<T>>>(x, xDims, buffer(inputs[1]), dimsOf(inputs[1]), y, yDims);
            case OpCode.LessEqual: return Binary<CompareOperator<T, LessEqualRule<T>>>(x, xDims, buffer(inputs[1]), dimsOf(inputs[1]), y, yDims);
            case OpCode.Equal: return Binary<CompareOperator<T, EqualRule<T>>>(x, xDims, buffer(inputs[1]), dimsOf(inputs[1]), y, yDims);
            case OpCode.Where: return Where(x, xDims, buffer(inputs[1]), dimsOf(inputs[1]), buffer(inputs[2]), dimsOf(inputs[2]), y, yDims);
            case OpCode.Neg: return () => TensorPrimitives.Negate<T>(x, y);
            case OpCode.AddScalar: return () => TensorPrimitives.Add<T>(x, s, y);
            case OpCode.MulScalar: return () => TensorPrimitives.Multiply<T>(x, s, y);
            case OpCode.DivScalar: return () => TensorPrimitives.Divide<T>(x, s, y);
            case OpCode.DivideInto: return () => TensorPrimitives.Divide<T>(s, x, y);
            case OpCode.Pow:
                if (s == T.CreateTruncating(2)) return () => TensorPrimitives.Multiply<T>(x, x, y);
                if (s == T.One) return () => x.AsSpan().CopyTo(y);
                return () => TensorPrimitives.Pow<T>(x, s, y);
            case OpCode.GreaterScalar: return () => CompareOperator<T, GreaterRule<T>>.Apply(x, s, y);
            case OpCode.GreaterEqualScalar: return () => CompareOperator<T, GreaterEqualRule<T>>.Apply(x, s, y);
            case OpCode.LessScalar: return () => CompareOperator<T, LessRule<T>>.Apply(x, s, y);
            case OpCode.LessEqualScalar: return () => CompareOperator<T, LessEqualRule<T>>.Apply(x, s, y);
            case OpCode.EqualScalar: return () => CompareOperator<T, EqualRule<T>>.Apply(x, s, y);
            case OpCode.Sign:
                return () =>
                {
                    for (int i = 0; i < x.Length; i++)
                        y[i] = ScalarOps<T>.Sign(x[i]);
                };
            case OpCode.Clamp:
                return () =>
                {
                    TensorPrimitives.Max(x, s, y);
                    TensorPrimitives.Min(y, s2, y);
                };
            case OpCode.Exp or OpCode.Log or OpCode.Sqrt or OpCode.Abs or OpCode.Sin or OpCode.Cos or OpCode.Tanh
                or OpCode.Sigmoid or OpCode.Relu or OpCode.Softplus or OpCode.Step:
                return Unary(node.Kernel!, x, y);
            case OpCode.Sum: return () => y[0] = TensorPrimitives.Sum<T>(x);
            case OpCode.Max: return () => y[0] = TensorPrimitives.Max<T>(x);
            case OpCode.SumAxis:
            {
                var (outer, size, inner) = Layout.Around(xDims, i0);
                return () => Layout.SumAxis(x, y, outer, size, inner);
            }
            case OpCode.MaxAxis:
            {
                var (outer, size, inner) = Layout.Around(xDims, i0);
                return () => Layout.MaxAxis(x, y, outer, size, inner);
            }
            case OpCode.MatMul:
            {
                var b = buffer(inputs[1]);
                var bDims = dimsOf(inputs[1]);
                bool ta = i0 != 0, tb = i1 != 0;
                int m = ta ? xDims[1] : xDims[0], k = ta ? xDims[0] : xDims[1], n = tb ? bDims[0] : bDims[1];
                return () => MatMulKernel.Multiply<T>(x, b, y, m, k, n, ta, tb);
            }
            case OpCode.Copy: return () => x.AsSpan().CopyTo(y);
            case OpCode.Transpose:
            {
                int rows = xDims[0], cols = xDims[1];
                return () => Layout.Transpose<T>(x, y, rows, cols);
            }
            case OpCode.BroadcastTo: return BroadcastTo(x, xDims, y, yDims);
            case OpCode.SumTo: return SumTo(x, xDims, y, yDims);
            case OpCode.Slice:
            {
                var (outer, size, inner) = Layout.Around(xDims, i0);
                int length = yDims[i0];
                return () => Layout.Slice(x, y, outer, size, inner, i1, length);
            }
            case OpCode.Embed:
            {
                var (outer, size, inner) = Layout.Around(yDims, i0);
                int length = xDims[i0];
                return () => Layout.Embed(x, y, outer, size, inner, i1, length);
            }
            case OpCode.IndexRows:
            {
                var indices = node.Ints;
                int rowLength = x.Length / Math.Max(xDims[0], 1);
                return () => Layout.GatherRows(x, y, indices, rowLength);
            }
            case OpCode.IndexAddRows:
            {
                var indices = node.Ints;
                int rowLength = indices.Length == 0 ? 0 : x.Length / indices.Length;
                return () => Layout.ScatterAddRows(x, y, indices, rowLength);
            }
            case OpCode.Concat: return Concat(node, buffer, dimsOf, y, yDims, i0);
            case OpCode.Scan: return ((ScanCall<T>)node.Body!).Bind(Array.ConvertAll(inputs, v => buffer(v)), y);
            default:
                throw new NotSupportedException($"{OpNames.Of(node.Op)} has no compiled step.");
        }
    }

    private static Action Unary(SpanKernel<T> kernel, T[] x, T[] y)
    {
        if (x.Length < Chunks.MinimumLength)
            return () => kernel(x, y);
        Action<int, int> chunk = (start, count) => kernel(x.AsSpan(start, count), y.AsSpan(start, count));
        int length = x.Length;
        return () => Chunks.For(length, chunk);
    }

    // The same cases, in the same order, as Layout.Binary, with the broadcast strides worked out once.
    private static Action Binary<TOp>(T[] a, int[] aDims, T[] b, int[] bDims, T[] d, int[] dDims) where TOp : IBinaryOperator<T>
    {
        if (a.Length == d.Length && b.Length == d.Length)
        {
            if (d.Length == 1)
                return () => d[0] = TOp.Apply(a[0], b[0]);
            if (d.Length < Chunks.MinimumLength)
                return () => TOp.Apply(a, b, d);
            Action<int, int> chunk = (start, count) => TOp.Apply(a.AsSpan(start, count), b.AsSpan(start, count), d.AsSpan(start, count));
            int length = d.Length;
            return () => Chunks.For(length, chunk);
        }
        if (b.Length == 1 && a.Length == d.Length) return () => TOp.Apply(a, b[0], d);
        if (a.Length == 1 && b.Length == d.Length) return () => TOp.Apply(a[0], b, d);
        if (d.Length == 0)
            return static () => { };

        int rank = dDims.Length, inner = dDims[rank - 1], rows = d.Length / inner;
        int[] sa = ShapeUtil.BroadcastStrides(aDims, rank), sb = ShapeUtil.BroadcastStrides(bDims, rank);
        bool aRow = sa[rank - 1] != 0 || inner == 1, bRow = sb[rank - 1] != 0 || inner == 1;
        int[] offA = RowOffsets(dDims, sa), offB = RowOffsets(dDims, sb);
        return () =>
        {
            for (int row = 0; row < rows; row++)
            {
                var dRow = d.AsSpan(row * inner, inner);
                int oa = offA[row], ob = offB[row];
                if (aRow && bRow) TOp.Apply(a.AsSpan(oa, inner), b.AsSpan(ob, inner), dRow);
                else if (aRow) TOp.Apply(a.AsSpan(oa, inner), b[ob], dRow);
                else if (bRow) TOp.Apply(a[oa], b.AsSpan(ob, inner), dRow);
                else dRow.Fill(TOp.Apply(a[oa], b[ob]));
            }
        };
    }

    // Layout.BroadcastTo's cases, with the row offsets worked out once.
    private static Action BroadcastTo(T[] src, int[] sDims, T[] d, int[] dDims)
    {
        if (src.Length == d.Length) return () => src.AsSpan().CopyTo(d);
        if (src.Length == 1) return () => d.AsSpan().Fill(src[0]);
        if (d.Length == 0) return static () => { };
        int rank = dDims.Length, inner = dDims[rank - 1], rows = d.Length / inner;
        int[] ss = ShapeUtil.BroadcastStrides(sDims, rank);
        bool row = ss[rank - 1] != 0;
        int[] offsets = RowOffsets(dDims, ss);
        return () =>
        {
            for (int r = 0; r < rows; r++)
            {
                var dRow = d.AsSpan(r * inner, inner);
                if (row) src.AsSpan(offsets[r], inner).CopyTo(dRow);
                else dRow.Fill(src[offsets[r]]);
            }
        };
    }

    // Layout.SumTo's cases, in its order of additions, with the row offsets worked out once.
    private static Action SumTo(T[] src, int[] sDims, T[] d, int[] dDims)
    {
        if (src.Length == d.Length) return () => src.AsSpan().CopyTo(d);
        if (d.Length == 1) return () => d[0] = TensorPrimitives.Sum<T>(src);
        if (src.Length == 0) return () => Array.Clear(d);
        int rank = sDims.Length, inner = sDims[rank - 1], rows = src.Length / inner;
        int[] ds = ShapeUtil.BroadcastStrides(dDims, rank);
        bool row = ds[rank - 1] != 0;
        int[] offsets = RowOffsets(sDims, ds);
        if (row && d.Length == inner && src.Length >= Chunks.MinimumLength)
        {
            // Rows summed into one (a bias gradient): threads take ranges of columns, each adding every row's part in
            // row order, so each element gets the same additions in the same order.
            Action<int, int> columns = (lo, hi) =>
            {
                d.AsSpan(lo, hi - lo).Clear();
                for (int r = 0; r < rows; r++)
                {
                    var dPart = d.AsSpan(lo, hi - lo);
                    TensorPrimitives.Add(dPart, src.AsSpan(r * inner + lo, hi - lo), dPart);
                }
            };
            return () =>
            {
                int threads = EngineSettings.MaxThreads;
                if (threads == 1)
                    columns(0, inner);
                else
                    Chunks.ForRanges(inner, threads, 16, (inner + threads - 1) / threads, columns);
            };
        }
        return () =>
        {
            Array.Clear(d);
            for (int r = 0; r < rows; r++)
            {
                var sRow = src.AsSpan(r * inner, inner);
                if (row)
                {
                    var dRow = d.AsSpan(offsets[r], inner);
                    TensorPrimitives.Add(dRow, sRow, dRow);
                }
                else
                {
                    d[offsets[r]] += TensorPrimitives.Sum<T>(sRow);
                }
            }
        };
    }

    // The offset of each row (all but the last dimension of dims) in an operand with the given broadcast strides.
    private static int[] RowOffsets(int[] dims, int[] strides)
    {
        int rank = dims.Length;
        int rows = rank == 0 ? 1 : ShapeUtil.Product(dims) / Math.Max(dims[rank - 1], 1);
        var offsets = new int[rows];
        var index = new int[rank];
        for (int row = 0, offset = 0; row < rows; row++)
        {
            offsets[row] = offset;
            for (int k = rank - 2; k >= 0; k--)
            {
                index[k]++;
                offset += strides[k];
                if (index[k] < dims[k])
                    break;
                offset -= strides[k] * dims[k];
                index[k] = 0;
            }
        }
        return offsets;
    }

    private static Action Where(T[] c, int[] cDims, T[] a, int[] aDims, T[] b, int[] bDims, T[] y, int[] yDims)
    {
        // Operands that broadcast are expanded into scratch buffers first, as the dynamic op does.
        T[] Expanded(T[] source) => source.Length == y.Length ? source : new T[y.Length];
        T[] ce = Expanded(c), ae = Expanded(a), be = Expanded(b);
        return () =>
        {
            if (!ReferenceEquals(ce, c)) Layout.BroadcastTo(c, cDims, ce, yDims);
            if (!ReferenceEquals(ae, a)) Layout.BroadcastTo(a, aDims, ae, yDims);
            if (!ReferenceEquals(be, b)) Layout.BroadcastTo(b, bDims, be, yDims);
            for (int i = 0; i < y.Length; i++)
                y[i] = ce[i] != T.Zero ? ae[i] : be[i];
        };
    }

    private static Action Concat(TraceNode<T> node, Func<int, T[]> buffer, Func<int, int[]> dimsOf, T[] y, int[] yDims, int axis)
    {
        var parts = Array.ConvertAll(node.Inputs, v => buffer(v));
        var (outer, total, inner) = Layout.Around(yDims, axis);
        var blocks = new int[parts.Length];
        var offsets = new int[parts.Length];
        for (int p = 0, offset = 0; p < parts.Length; p++)
        {
            blocks[p] = dimsOf(node.Inputs[p])[axis] * inner;
            offsets[p] = offset;
            offset += dimsOf(node.Inputs[p])[axis];
        }
        return () =>
        {
            for (int p = 0; p < parts.Length; p++)
            {
                int block = blocks[p];
                for (int o = 0; o < outer; o++)
                    parts[p].AsSpan(o * block, block).CopyTo(y.AsSpan((o * total + offsets[p]) * inner, block));
            }
        };
    }
}
