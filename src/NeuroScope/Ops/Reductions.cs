using System.Numerics.Tensors;
using NeuroScope.Kernels;

using NeuroScope.Compile;

namespace NeuroScope;

public sealed partial class Tensor<T>
{
    /// <summary>The sum of all elements, as a scalar tensor; d/dx = 1 everywhere.</summary>
    public Tensor<T> Sum()
    {
        var y = new Tensor<T>([TensorPrimitives.Sum<T>(Data)], []);
        Trace(OpCode.Sum, y, this);
        return Record(y, this, static (g, y, i) => g.BroadcastTo(y.Inputs![0].Dims));
    }

    /// <summary>The sum over one axis (negative counts from the end), dropping it unless <paramref name="keepDim"/>.</summary>
    public Tensor<T> Sum(int axis, bool keepDim = false)
    {
        axis = ShapeUtil.NormalizeAxis(axis, Rank);
        var (outer, size, inner) = Layout.Around(Dims, axis);
        var y = Empty(ReducedShape(axis, keepDim));
        Layout.SumAxis(Data, y.Data, outer, size, inner);
        Trace(OpCode.SumAxis, y, this, i0: axis);
        return Record(y, this, static (g, y, i) =>
        {
            var x = y.Inputs![0];
            return g.Reshape(KeptShape(x.Dims, (int)y.State!)).BroadcastTo(x.Dims);
        }, axis);
    }

    /// <summary>The mean of all elements, as a scalar tensor.</summary>
    public Tensor<T> Mean() => Sum().Div(T.CreateTruncating(Length));

    /// <summary>The mean over one axis, dropping it unless <paramref name="keepDim"/>.</summary>
    public Tensor<T> Mean(int axis, bool keepDim = false) => Sum(axis, keepDim).Div(T.CreateTruncating(Size(axis)));

    /// <summary>The largest element, as a scalar tensor; the gradient is shared equally among tied maxima.</summary>
    public Tensor<T> Max()
    {
        if (Length == 0)
            throw new InvalidOperationException("Max() of an empty tensor is undefined.");
        var y = new Tensor<T>([TensorPrimitives.Max<T>(Data)], []);
        Trace(OpCode.Max, y, this);
        return Record(y, this, static (g, y, i) => g * MaxMask(y.Inputs![0], y.Detach()));
    }

    /// <summary>The largest element over one axis; the gradient is shared equally among tied maxima.</summary>
    public Tensor<T> Max(int axis, bool keepDim = false)
    {
        axis = ShapeUtil.NormalizeAxis(axis, Rank);
        var (outer, size, inner) = Layout.Around(Dims, axis);
        if (size == 0)
            throw new InvalidOperationException($"Max over axis {axis} of size 0 is undefined.");
        var y = Empty(ReducedShape(axis, keepDim));
        Layout.MaxAxis(Data, y.Data, outer, size, inner);
        Trace(OpCode.MaxAxis, y, this, i0: axis);
        return Record(y, this, static (g, y, i) =>
        {
            var x = y.Inputs![0];
            var kept = KeptShape(x.Dims, (int)y.State!);
            return g.Reshape(kept) * MaxMask(x, y.Detach().Reshape(kept), (int)y.State!);
        }, axis);
    }

    /// <summary>The smallest element, as a scalar tensor.</summary>
    public Tensor<T> Min() => Neg().Max().Neg();

    /// <summary>The smallest element over one axis.</summary>
    public Tensor<T> Min(int axis, bool keepDim = false) => Neg().Max(axis, keepDim).Neg();

    /// <summary>Dot product of two vectors of equal length: Σ aᵢbᵢ.</summary>
    public Tensor<T> Dot(Tensor<T> other)
    {
        if (Rank != 1 || other.Rank != 1 || Length != other.Length)
            throw new ArgumentException($"Dot: needs two vectors of equal length, got shapes {ShapeUtil.Format(Dims)} and {ShapeUtil.Format(other.Dims)}.");
        return (this * other).Sum();
    }

    /// <summary>The Euclidean (L2) norm of all elements: √Σx².</summary>
    public Tensor<T> Norm() => Square().Sum().Sqrt();

    /// <summary>The L1 norm of all elements: Σ|x|.</summary>
    public Tensor<T> NormL1() => Abs().Sum();

    // Where x attains its maximum, each tie weighted 1/count so the gradient is shared equally.
    private static Tensor<T> MaxMask(Tensor<T> x, Tensor<T> max, int axis = -1)
    {
        using var _ = Autograd.NoGrad();
        var mask = x.Detach().Equal(max);
        // Divided by the count as a tensor, not its value, so that a compiled step replays it.
        return axis < 0 ? mask / mask.Sum() : mask / mask.Sum(axis, keepDim: true);
    }

    private int[] ReducedShape(int axis, bool keepDim)
    {
        if (keepDim)
            return KeptShape(Dims, axis);
        var dims = new int[Rank - 1];
        for (int i = 0, j = 0; i < Rank; i++)
            if (i != axis)
                dims[j++] = Dims[i];
        return dims;
    }

    private static int[] KeptShape(int[] dims, int axis)
    {
        var kept = (int[])dims.Clone();
        kept[axis] = 1;
        return kept;
    }
}
