using System.Numerics;

namespace NeuroScope;

/// <summary>Creating tensors (zeros, ones, ranges, seeded random draws) and the operations that take several tensors.</summary>
public static class Tensor
{
    /// <summary>A tensor of zeros with the given shape.</summary>
    public static Tensor<T> Zeros<T>(params int[] shape) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(new T[ShapeUtil.Product(ShapeUtil.CheckedShape(shape))], (int[])shape.Clone());

    /// <summary>A tensor of ones with the given shape.</summary>
    public static Tensor<T> Ones<T>(params int[] shape) where T : unmanaged, IFloatingPointIeee754<T> => Full(shape, T.One);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static Tensor<T> Full<T>(int[] shape, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = Zeros<T>(shape);
        t.Data.AsSpan().Fill(value);
        return t;
    }

    /// <summary>A zero tensor with the shape of <paramref name="like"/>.</summary>
    public static Tensor<T> ZerosLike<T>(Tensor<T> like) where T : unmanaged, IFloatingPointIeee754<T> => Zeros<T>(like.Dims);

    /// <summary>A tensor of ones with the shape of <paramref name="like"/>.</summary>
    public static Tensor<T> OnesLike<T>(Tensor<T> like) where T : unmanaged, IFloatingPointIeee754<T> => Ones<T>(like.Dims);

    /// <summary>A zero-dimensional tensor holding one value.</summary>
    public static Tensor<T> Scalar<T>(T value) where T : unmanaged, IFloatingPointIeee754<T> => new([value], []);

    /// <summary>A tensor holding a copy of <paramref name="data"/>, with the given shape (a vector when none is given).</summary>
    public static Tensor<T> FromArray<T>(T[] data, params int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] dims = shape.Length == 0 ? [data.Length] : ShapeUtil.CheckedShape(shape);
        if (ShapeUtil.Product(dims) != data.Length)
            throw new ArgumentException($"FromArray: {data.Length} values do not fill shape {ShapeUtil.Format(dims)}.", nameof(shape));
        return new((T[])data.Clone(), dims);
    }

    /// <summary>A matrix holding a copy of a two-dimensional array.</summary>
    public static Tensor<T> FromArray<T>(T[,] data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = data.GetLength(0), cols = data.GetLength(1);
        var t = Zeros<T>(rows, cols);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                t.Data[r * cols + c] = data[r, c];
        return t;
    }

    /// <summary>The values start, start + step, … below stop (above it for a negative step).</summary>
    public static Tensor<T> Arange<T>(T start, T stop, T step) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (step == T.Zero || T.IsNaN(step))
            throw new ArgumentException("Arange: step must be non-zero.", nameof(step));
        int count = Math.Max(0, int.CreateSaturating(T.Ceiling((stop - start) / step)));
        var t = Zeros<T>(count);
        for (int i = 0; i < count; i++)
            t.Data[i] = start + T.CreateTruncating(i) * step;
        return t;
    }

    /// <summary>The integers 0, 1, …, count − 1.</summary>
    public static Tensor<T> Arange<T>(int count) where T : unmanaged, IFloatingPointIeee754<T> =>
        Arange(T.Zero, T.CreateTruncating(count), T.One);

    /// <summary><paramref name="count"/> evenly spaced values from start to stop inclusive (as NumPy's linspace).</summary>
    public static Tensor<T> Linspace<T>(T start, T stop, int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var t = Zeros<T>(count);
        if (count == 1)
            t.Data[0] = start;
        else if (count > 1)
        {
            // Computed in double and rounded once, so float and double grids agree with NumPy's.
            double a = double.CreateTruncating(start), b = double.CreateTruncating(stop), step = (b - a) / (count - 1);
            for (int i = 0; i < count; i++)
                t.Data[i] = T.CreateTruncating(i == count - 1 ? b : a + i * step);
        }
        return t;
    }

    /// <summary>Values drawn uniformly from [low, high) by a seeded generator.</summary>
    public static Tensor<T> Uniform<T>(int[] shape, T low, T high, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = Zeros<T>(shape);
        double a = double.CreateTruncating(low), width = double.CreateTruncating(high) - a;
        for (int i = 0; i < t.Data.Length; i++)
        {
            T value = T.CreateTruncating(a + width * random.NextDouble());
            // Rounding a + width·u (in double, then to T) can carry a draw just below high up to it: keep [low, high) half-open.
            t.Data[i] = value >= high && high > low ? T.BitDecrement(high) : value;
        }
        return t;
    }

    /// <summary>Values drawn uniformly from [low, high) with a generator seeded by <paramref name="seed"/>.</summary>
    public static Tensor<T> Uniform<T>(int[] shape, T low, T high, int seed) where T : unmanaged, IFloatingPointIeee754<T> =>
        Uniform(shape, low, high, new Random(seed));

    /// <summary>Values drawn from a normal distribution (Box–Muller) by a seeded generator.</summary>
    public static Tensor<T> Normal<T>(int[] shape, T mean, T std, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = Zeros<T>(shape);
        double mu = double.CreateTruncating(mean), sigma = double.CreateTruncating(std);
        for (int i = 0; i < t.Data.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            t.Data[i] = T.CreateTruncating(mu + sigma * radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < t.Data.Length)
                t.Data[i + 1] = T.CreateTruncating(mu + sigma * radius * Math.Sin(2 * Math.PI * u2));
        }
        return t;
    }

    /// <summary>Values drawn from a normal distribution with a generator seeded by <paramref name="seed"/>.</summary>
    public static Tensor<T> Normal<T>(int[] shape, T mean, T std, int seed) where T : unmanaged, IFloatingPointIeee754<T> =>
        Normal(shape, mean, std, new Random(seed));

    /// <summary>Joins tensors along an existing axis; all other dimensions must agree.</summary>
    public static Tensor<T> Concat<T>(IReadOnlyList<Tensor<T>> parts, int axis = 0) where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensor<T>.ConcatCore([.. parts], axis);

    /// <summary>Stacks tensors of one shape along a new axis.</summary>
    public static Tensor<T> Stack<T>(IReadOnlyList<Tensor<T>> parts, int axis = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var expanded = new Tensor<T>[parts.Count];
        for (int i = 0; i < parts.Count; i++)
            expanded[i] = parts[i].Unsqueeze(axis);
        return Tensor<T>.ConcatCore(expanded, axis);
    }

    /// <summary>Chooses <paramref name="a"/> where <paramref name="condition"/> is non-zero and <paramref name="b"/> elsewhere, with broadcasting; the gradient goes to the chosen side.</summary>
    public static Tensor<T> Where<T>(Tensor<T> condition, Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Tensor<T>.WhereCore(condition, a, b);

    /// <summary>Element-wise maximum of two tensors.</summary>
    public static Tensor<T> Maximum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a.Maximum(b);

    /// <summary>Element-wise minimum of two tensors.</summary>
    public static Tensor<T> Minimum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a.Minimum(b);
}
