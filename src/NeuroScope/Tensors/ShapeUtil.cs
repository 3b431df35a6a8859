namespace NeuroScope;

/// <summary>Shape arithmetic shared by tensors and kernels: strides, broadcasting, axis checks.</summary>
internal static class ShapeUtil
{
    public static int Product(ReadOnlySpan<int> dims)
    {
        int n = 1;
        foreach (int d in dims)
            n *= d;
        return n;
    }

    public static int Stride(ReadOnlySpan<int> dims, int dim)
    {
        int stride = 1;
        for (int i = dim + 1; i < dims.Length; i++)
            stride *= dims[i];
        return stride;
    }

    public static string Format(ReadOnlySpan<int> dims) => "[" + string.Join(", ", dims.ToArray()) + "]";

    public static int NormalizeAxis(int axis, int rank)
    {
        int normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0 || normalized >= rank)
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Axis {axis} is out of range for a tensor of rank {rank}; allowed: {-rank}..{rank - 1}.");
        return normalized;
    }

    public static int FlatIndex(int[] dims, int[] index)
    {
        if (index.Length != dims.Length)
            throw new ArgumentException($"An index into a tensor of shape {Format(dims)} needs {dims.Length} coordinates, got {index.Length}.", nameof(index));
        int flat = 0;
        for (int i = 0; i < dims.Length; i++)
        {
            int k = index[i] < 0 ? index[i] + dims[i] : index[i];
            if ((uint)k >= (uint)dims[i])
                throw new IndexOutOfRangeException($"Index {index[i]} is out of range for dimension {i} of size {dims[i]}.");
            flat = flat * dims[i] + k;
        }
        return flat;
    }

    public static int[] CheckedShape(ReadOnlySpan<int> shape)
    {
        foreach (int d in shape)
            if (d < 0)
                throw new ArgumentException($"Shape {Format(shape)} has a negative dimension.", nameof(shape));
        return shape.ToArray();
    }

    /// <summary>The NumPy broadcast of two shapes, or an ArgumentException naming both.</summary>
    public static int[] Broadcast(int[] a, int[] b, string operation)
    {
        if (a.AsSpan().SequenceEqual(b))
            return a;
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{operation}: shapes {Format(a)} and {Format(b)} cannot be broadcast together (dimension {i}: {da} vs {db}).");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Whether <paramref name="from"/> broadcasts to <paramref name="to"/>.</summary>
    public static bool BroadcastsTo(int[] from, int[] to)
    {
        if (from.Length > to.Length)
            return false;
        int offset = to.Length - from.Length;
        for (int i = 0; i < from.Length; i++)
            if (from[i] != 1 && from[i] != to[i + offset])
                return false;
        return true;
    }

    /// <summary>Strides of <paramref name="from"/> viewed as broadcast to a shape of rank <paramref name="rank"/> (0 where broadcast).</summary>
    public static int[] BroadcastStrides(int[] from, int rank)
    {
        var strides = new int[rank];
        int offset = rank - from.Length;
        int stride = 1;
        for (int i = from.Length - 1; i >= 0; i--)
        {
            strides[i + offset] = from[i] == 1 ? 0 : stride;
            stride *= from[i];
        }
        return strides;
    }
}
