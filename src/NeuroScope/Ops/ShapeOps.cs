using NeuroScope.Kernels;

using NeuroScope.Compile;

namespace NeuroScope;

public sealed partial class Tensor<T>
{
    /// <summary>The same elements viewed with another shape (one dimension may be −1, inferred); shares storage.</summary>
    public Tensor<T> Reshape(params int[] shape)
    {
        var dims = (int[])shape.Clone();
        int inferred = -1, known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1 && inferred < 0) inferred = i;
            else if (dims[i] < 0) throw new ArgumentException($"Reshape: shape {ShapeUtil.Format(shape)} has an invalid dimension; only one −1 is allowed.");
            else known *= dims[i];
        }
        if (inferred >= 0 && known > 0 && Length % known == 0)
            dims[inferred] = Length / known;
        if (ShapeUtil.Product(dims) != Length || (inferred >= 0 && known == 0))
            throw new ArgumentException($"Reshape: cannot view shape {ShapeUtil.Format(Dims)} ({Length} elements) as {ShapeUtil.Format(shape)}.");
        var y = new Tensor<T>(Data, dims);
        Trace(OpCode.Reshape, y, this);
        return Record(y, this, static (g, y, i) => g.Reshape(y.Inputs![0].Dims));
    }

    /// <summary>Flattens to a vector (shares storage).</summary>
    public Tensor<T> Flatten() => Reshape(Length);

    /// <summary>Inserts a dimension of size 1 at <paramref name="axis"/>.</summary>
    public Tensor<T> Unsqueeze(int axis)
    {
        int a = ShapeUtil.NormalizeAxis(axis, Rank + 1);
        var dims = new List<int>(Dims);
        dims.Insert(a, 1);
        return Reshape([.. dims]);
    }

    /// <summary>Removes a dimension of size 1 at <paramref name="axis"/>.</summary>
    public Tensor<T> Squeeze(int axis)
    {
        int a = ShapeUtil.NormalizeAxis(axis, Rank);
        if (Dims[a] != 1)
            throw new ArgumentException($"Squeeze: dimension {axis} of shape {ShapeUtil.Format(Dims)} has size {Dims[a]}, not 1.");
        var dims = new List<int>(Dims);
        dims.RemoveAt(a);
        return Reshape([.. dims]);
    }

    /// <summary>Removes every dimension of size 1.</summary>
    public Tensor<T> Squeeze()
    {
        var dims = new List<int>();
        foreach (int d in Dims)
            if (d != 1)
                dims.Add(d);
        return Reshape([.. dims]);
    }

    /// <summary>The transpose of a matrix (a copy); the gradient is transposed back.</summary>
    public Tensor<T> Transpose()
    {
        if (Rank != 2)
            throw new ArgumentException($"Transpose: needs a matrix, got shape {ShapeUtil.Format(Dims)}.");
        var y = Empty([Dims[1], Dims[0]]);
        Layout.Transpose<T>(Data, y.Data, Dims[0], Dims[1]);
        Trace(OpCode.Transpose, y, this);
        return Record(y, this, static (g, y, i) => g.Transpose());
    }

    /// <summary>Repeats size-1 dimensions (and adds leading ones) to reach <paramref name="shape"/>; the gradient sums back.</summary>
    public Tensor<T> BroadcastTo(params int[] shape)
    {
        if (!ShapeUtil.BroadcastsTo(Dims, shape))
            throw new ArgumentException($"BroadcastTo: shape {ShapeUtil.Format(Dims)} cannot be broadcast to {ShapeUtil.Format(shape)}.");
        if (Dims.AsSpan().SequenceEqual(shape))
            return this;
        var y = Empty((int[])shape.Clone());
        Layout.BroadcastTo(Data, Dims, y.Data, y.Dims);
        Trace(OpCode.BroadcastTo, y, this);
        // The engine sums a gradient of the broadcast shape down to the input's shape.
        return Record(y, this, static (g, y, i) => g);
    }

    /// <summary>Sums over broadcast dimensions down to <paramref name="shape"/>, which must broadcast to this shape.</summary>
    public Tensor<T> SumTo(params int[] shape)
    {
        if (!ShapeUtil.BroadcastsTo(shape, Dims))
            throw new ArgumentException($"SumTo: shape {ShapeUtil.Format(shape)} does not broadcast to {ShapeUtil.Format(Dims)}.");
        if (Dims.AsSpan().SequenceEqual(shape))
            return this;
        var y = Empty((int[])shape.Clone());
        Layout.SumTo(Data, Dims, y.Data, y.Dims);
        Trace(OpCode.SumTo, y, this);
        return Record(y, this, static (g, y, i) => g.BroadcastTo(y.Inputs![0].Dims));
    }

    /// <summary>The elements [start, start + length) along <paramref name="axis"/> (a copy).</summary>
    public Tensor<T> Slice(int axis, int start, int length)
    {
        axis = ShapeUtil.NormalizeAxis(axis, Rank);
        if (start < 0 || length < 0 || start + length > Dims[axis])
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice: [{start}, {start + length}) is outside dimension {axis} of size {Dims[axis]} (shape {ShapeUtil.Format(Dims)}).");
        var dims = (int[])Dims.Clone();
        dims[axis] = length;
        var y = Empty(dims);
        var (outer, size, inner) = Layout.Around(Dims, axis);
        Layout.Slice(Data, y.Data, outer, size, inner, start, length);
        Trace(OpCode.Slice, y, this, i0: axis, i1: start);
        return Record(y, this, static (g, y, i) =>
        {
            var (axis, start) = ((int, int))y.State!;
            return g.Embed(axis, start, y.Inputs![0].Dims[axis]);
        }, (axis, start));
    }

    /// <summary>Rows [start, start + count) of the first dimension.</summary>
    public Tensor<T> Rows(int start, int count) => Slice(0, start, count);

    /// <summary>Places this tensor at offset <paramref name="start"/> of a zero tensor whose <paramref name="axis"/> has <paramref name="size"/> elements (the adjoint of <see cref="Slice"/>).</summary>
    public Tensor<T> Embed(int axis, int start, int size)
    {
        axis = ShapeUtil.NormalizeAxis(axis, Rank);
        if (start < 0 || start + Dims[axis] > size)
            throw new ArgumentOutOfRangeException(nameof(start), $"Embed: [{start}, {start + Dims[axis]}) does not fit in a dimension of size {size}.");
        var dims = (int[])Dims.Clone();
        dims[axis] = size;
        var y = Empty(dims);
        var (outer, _, inner) = Layout.Around(dims, axis);
        Layout.Embed(Data, y.Data, outer, size, inner, start, Dims[axis]);
        Trace(OpCode.Embed, y, this, i0: axis, i1: start);
        return Record(y, this, static (g, y, i) =>
        {
            var (axis, start) = ((int, int))y.State!;
            return g.Slice(axis, start, y.Inputs![0].Dims[axis]);
        }, (axis, start));
    }

    /// <summary>Selects rows of the first dimension by index (repeats allowed); the gradient scatter-adds back.</summary>
    public Tensor<T> IndexRows(params int[] indices)
    {
        if (Rank == 0)
            throw new ArgumentException("IndexRows: a scalar has no rows.");
        foreach (int index in indices)
            if ((uint)index >= (uint)Dims[0])
                throw new IndexOutOfRangeException($"IndexRows: row {index} is out of range for {Dims[0]} rows.");
        var dims = (int[])Dims.Clone();
        dims[0] = indices.Length;
        var y = Empty(dims);
        Layout.GatherRows(Data, y.Data, indices, Length / Math.Max(Dims[0], 1));
        Trace(OpCode.IndexRows, y, this, indices: indices);
        return Record(y, this, static (g, y, i) => g.IndexAddRows((int[])y.State!, y.Inputs![0].Dims[0]), (int[])indices.Clone());
    }

    /// <summary>Adds row r of this tensor into row indices[r] of a zero tensor with <paramref name="rows"/> rows (the adjoint of <see cref="IndexRows"/>).</summary>
    public Tensor<T> IndexAddRows(int[] indices, int rows)
    {
        if (Rank == 0 || indices.Length != Dims[0])
            throw new ArgumentException($"IndexAddRows: {indices.Length} indices for a tensor of shape {ShapeUtil.Format(Dims)}.");
        foreach (int index in indices)
            if ((uint)index >= (uint)rows)
                throw new IndexOutOfRangeException($"IndexAddRows: row {index} is out of range for {rows} rows.");
        var dims = (int[])Dims.Clone();
        dims[0] = rows;
        var y = Empty(dims);
        Layout.ScatterAddRows(Data, y.Data, indices, indices.Length == 0 ? 0 : Length / indices.Length);
        Trace(OpCode.IndexAddRows, y, this, indices: indices);
        return Record(y, this, static (g, y, i) => g.IndexRows((int[])y.State!), (int[])indices.Clone());
    }

    internal static Tensor<T> ConcatCore(Tensor<T>[] parts, int axis)
    {
        if (parts.Length == 0)
            throw new ArgumentException("Concat: needs at least one tensor.");
        var first = parts[0];
        axis = ShapeUtil.NormalizeAxis(axis, first.Rank);
        var offsets = new int[parts.Length];
        int total = 0;
        for (int p = 0; p < parts.Length; p++)
        {
            var part = parts[p];
            bool compatible = part.Rank == first.Rank;
            for (int d = 0; compatible && d < first.Rank; d++)
                compatible = d == axis || part.Dims[d] == first.Dims[d];
            if (!compatible)
                throw new ArgumentException($"Concat: shapes {ShapeUtil.Format(first.Dims)} and {ShapeUtil.Format(part.Dims)} differ outside axis {axis}.");
            offsets[p] = total;
            total += part.Dims[axis];
        }
        var dims = (int[])first.Dims.Clone();
        dims[axis] = total;
        var y = Empty(dims);
        var (outer, _, inner) = Layout.Around(dims, axis);
        for (int p = 0; p < parts.Length; p++)
        {
            int block = parts[p].Dims[axis] * inner;
            for (int o = 0; o < outer; o++)
                parts[p].Data.AsSpan(o * block, block).CopyTo(y.Data.AsSpan((o * total + offsets[p]) * inner, block));
        }
        Trace(OpCode.Concat, y, parts, axis);
        return Record(y, parts, static (g, y, i) =>
        {
            var (axis, offsets) = ((int, int[]))y.State!;
            return g.Slice(axis, offsets[i], y.Inputs![i].Dims[axis]);
        }, (axis, offsets));
    }
}
