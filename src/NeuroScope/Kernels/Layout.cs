using System.Numerics;
using System.Numerics.Tensors;

namespace NeuroScope.Kernels;

/// <summary>Broadcasting, reduction and data-movement loops over row-major spans. They know nothing of autodiff.</summary>
internal static class Layout
{
    /// <summary>d = op(a, b) with NumPy broadcasting; the last dimension is processed as one span call per row.</summary>
    public static void Binary<TOp, T>(T[] a, int[] aDims, T[] b, int[] bDims, T[] d, int[] dDims)
        where TOp : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.Length == d.Length && b.Length == d.Length)
        {
            if (d.Length == 1)
                d[0] = TOp.Apply(a[0], b[0]);
            else if (d.Length < Chunks.MinimumLength)
                TOp.Apply(a, b, d);
            else
                Chunks.For(d.Length, (start, count) => TOp.Apply(a.AsSpan(start, count), b.AsSpan(start, count), d.AsSpan(start, count)));
            return;
        }
        if (b.Length == 1 && a.Length == d.Length) { TOp.Apply(a, b[0], d); return; }
        if (a.Length == 1 && b.Length == d.Length) { TOp.Apply(a[0], b, d); return; }
        if (d.Length == 0)
            return;

        int rank = dDims.Length;
        int inner = dDims[rank - 1];
        int[] sa = ShapeUtil.BroadcastStrides(aDims, rank), sb = ShapeUtil.BroadcastStrides(bDims, rank);
        bool aRow = sa[rank - 1] != 0 || inner == 1, bRow = sb[rank - 1] != 0 || inner == 1;
        Span<int> index = stackalloc int[rank];
        int offA = 0, offB = 0;
        for (int row = 0, rows = d.Length / inner; row < rows; row++)
        {
            var dRow = d.AsSpan(row * inner, inner);
            if (aRow && bRow) TOp.Apply(a.AsSpan(offA, inner), b.AsSpan(offB, inner), dRow);
            else if (aRow) TOp.Apply(a.AsSpan(offA, inner), b[offB], dRow);
            else if (bRow) TOp.Apply(a[offA], b.AsSpan(offB, inner), dRow);
            else dRow.Fill(TOp.Apply(a[offA], b[offB]));
            Advance(index, dDims, sa, sb, ref offA, ref offB);
        }
    }

    // Steps a multi-index over all but the last dimension, keeping two broadcast offsets in step.
    private static void Advance(Span<int> index, int[] dims, int[] sa, int[] sb, ref int offA, ref int offB)
    {
        for (int k = dims.Length - 2; k >= 0; k--)
        {
            index[k]++;
            offA += sa[k];
            offB += sb[k];
            if (index[k] < dims[k])
                return;
            offA -= sa[k] * dims[k];
            offB -= sb[k] * dims[k];
            index[k] = 0;
        }
    }

    /// <summary>Copies <paramref name="src"/> broadcast to the shape <paramref name="dDims"/>.</summary>
    public static void BroadcastTo<T>(T[] src, int[] sDims, T[] d, int[] dDims) where T : unmanaged
    {
        if (src.Length == d.Length) { src.AsSpan().CopyTo(d); return; }
        if (src.Length == 1) { d.AsSpan().Fill(src[0]); return; }
        if (d.Length == 0)
            return;
        int rank = dDims.Length, inner = dDims[rank - 1];
        int[] ss = ShapeUtil.BroadcastStrides(sDims, rank);
        bool row = ss[rank - 1] != 0;
        Span<int> index = stackalloc int[rank];
        int off = 0, unused = 0;
        for (int r = 0, rows = d.Length / inner; r < rows; r++)
        {
            var dRow = d.AsSpan(r * inner, inner);
            if (row) src.AsSpan(off, inner).CopyTo(dRow);
            else dRow.Fill(src[off]);
            Advance(index, dDims, ss, ss, ref off, ref unused);
        }
    }

    /// <summary>Sums <paramref name="src"/> down to a shape that broadcasts to it (the inverse of broadcasting).</summary>
    public static void SumTo<T>(T[] src, int[] sDims, T[] d, int[] dDims) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Array.Clear(d);
        if (src.Length == d.Length) { src.AsSpan().CopyTo(d); return; }
        if (d.Length == 1) { d[0] = TensorPrimitives.Sum<T>(src); return; }
        if (src.Length == 0)
            return;
        int rank = sDims.Length, inner = sDims[rank - 1];
        int[] ds = ShapeUtil.BroadcastStrides(dDims, rank);
        bool row = ds[rank - 1] != 0;
        Span<int> index = stackalloc int[rank];
        int off = 0, unused = 0;
        for (int r = 0, rows = src.Length / inner; r < rows; r++)
        {
            var sRow = src.AsSpan(r * inner, inner);
            if (row)
            {
                var dRow = d.AsSpan(off, inner);
                TensorPrimitives.Add(dRow, sRow, dRow);
            }
            else
            {
                d[off] += TensorPrimitives.Sum<T>(sRow);
            }
            Advance(index, sDims, ds, ds, ref off, ref unused);
        }
    }

    /// <summary>Splits a shape around an axis into (outer, size, inner) counts.</summary>
    public static (int Outer, int Size, int Inner) Around(int[] dims, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= dims[i];
        for (int i = axis + 1; i < dims.Length; i++) inner *= dims[i];
        return (outer, dims[axis], inner);
    }

    /// <summary>Sum over one axis: d[o, i] = Σ_j s[o, j, i].</summary>
    public static void SumAxis<T>(T[] s, T[] d, int outer, int size, int inner) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
                d[o] = TensorPrimitives.Sum<T>(s.AsSpan(o * size, size));
            return;
        }
        Array.Clear(d);
        for (int o = 0; o < outer; o++)
        {
            var dRow = d.AsSpan(o * inner, inner);
            for (int j = 0; j < size; j++)
                TensorPrimitives.Add(dRow, s.AsSpan((o * size + j) * inner, inner), dRow);
        }
    }

    /// <summary>Max over one axis: d[o, i] = max_j s[o, j, i] (NaN propagates).</summary>
    public static void MaxAxis<T>(T[] s, T[] d, int outer, int size, int inner) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
                d[o] = TensorPrimitives.Max<T>(s.AsSpan(o * size, size));
            return;
        }
        for (int o = 0; o < outer; o++)
        {
            var dRow = d.AsSpan(o * inner, inner);
            s.AsSpan(o * size * inner, inner).CopyTo(dRow);
            for (int j = 1; j < size; j++)
                TensorPrimitives.Max(dRow, s.AsSpan((o * size + j) * inner, inner), dRow);
        }
    }

    /// <summary>Copies the block [start, start + length) of the middle dimension: d[o, j, i] = s[o, start + j, i].</summary>
    public static void Slice<T>(T[] s, T[] d, int outer, int size, int inner, int start, int length)
    {
        int block = length * inner;
        for (int o = 0; o < outer; o++)
            s.AsSpan((o * size + start) * inner, block).CopyTo(d.AsSpan(o * block, block));
    }

    /// <summary>The inverse of <see cref="Slice{T}"/>: writes s into the block [start, start + length) of a zeroed d.</summary>
    public static void Embed<T>(T[] s, T[] d, int outer, int size, int inner, int start, int length)
    {
        Array.Clear(d);
        int block = length * inner;
        for (int o = 0; o < outer; o++)
            s.AsSpan(o * block, block).CopyTo(d.AsSpan((o * size + start) * inner, block));
    }

    /// <summary>Gathers rows: d[r] = s[indices[r]] where a row has <paramref name="rowLength"/> elements.</summary>
    public static void GatherRows<T>(T[] s, T[] d, int[] indices, int rowLength)
    {
        for (int r = 0; r < indices.Length; r++)
            s.AsSpan(indices[r] * rowLength, rowLength).CopyTo(d.AsSpan(r * rowLength, rowLength));
    }

    /// <summary>Scatters rows with accumulation into a zeroed d: d[indices[r]] += s[r].</summary>
    public static void ScatterAddRows<T>(T[] s, T[] d, int[] indices, int rowLength) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Array.Clear(d);
        for (int r = 0; r < indices.Length; r++)
        {
            var dRow = d.AsSpan(indices[r] * rowLength, rowLength);
            TensorPrimitives.Add(dRow, s.AsSpan(r * rowLength, rowLength), dRow);
        }
    }

    /// <summary>Transposes a rows×cols matrix in cache-sized tiles.</summary>
    public static void Transpose<T>(ReadOnlySpan<T> s, Span<T> d, int rows, int cols)
    {
        const int Tile = 32;
        for (int r0 = 0; r0 < rows; r0 += Tile)
        {
            int r1 = Math.Min(r0 + Tile, rows);
            for (int c0 = 0; c0 < cols; c0 += Tile)
            {
                int c1 = Math.Min(c0 + Tile, cols);
                for (int r = r0; r < r1; r++)
                    for (int c = c0; c < c1; c++)
                        d[c * rows + r] = s[r * cols + c];
            }
        }
    }
}
