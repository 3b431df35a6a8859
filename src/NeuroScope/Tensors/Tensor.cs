using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

using NeuroScope.Compile;

namespace NeuroScope;

/// <summary>
/// A dense, row-major, contiguous n-dimensional array of <typeparamref name="T"/> (float or double) that
/// records the operations applied to it so that gradients can be taken by reverse-mode autodiff.
/// </summary>
/// <remarks>
/// Operations never modify their operands; they return new tensors. <see cref="AsSpan"/> gives raw access
/// for code that must update values in place (optimizers), outside the graph.
/// </remarks>
public sealed partial class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal readonly T[] Data;
    internal readonly int[] Dims;

    // Graph bookkeeping: the inputs this tensor was computed from and how to send a gradient back to them.
    internal Tensor<T>[]? Inputs;
    internal GradientRule<T>? Rule;
    internal LocalDerivative<T>? Local;
    internal T Scalar;         // the scalar operand of scalar ops (x + s, x * s, x ^ p, ...)
    internal object? State;    // any other operand an op's rule needs (axis, shape, indices)

    // Scratch used only while a backward pass runs.
    internal Tensor<T>? PendingGrad;
    internal int VisitMark;

    private bool _requiresGrad;

    internal Tensor(T[] data, int[] dims)
    {
        Data = data;
        Dims = dims;
    }

    /// <summary>The size of each dimension; empty for a scalar.</summary>
    public ReadOnlySpan<int> Shape => Dims;

    /// <summary>The number of dimensions.</summary>
    public int Rank => Dims.Length;

    /// <summary>The number of elements.</summary>
    public int Length => Data.Length;

    /// <summary>The size of dimension <paramref name="dim"/>; negative values count from the end.</summary>
    public int Size(int dim) => Dims[ShapeUtil.NormalizeAxis(dim, Dims.Length)];

    /// <summary>Whether gradients flow to this tensor. Set it on leaves (parameters, inputs); results of operations on such tensors require grad automatically.</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!value && Inputs is not null)
                throw new InvalidOperationException("RequiresGrad can only be turned off on a leaf tensor; use Detach() to cut a result from the graph.");
            _requiresGrad = value;
        }
    }

    /// <summary>True when this tensor was not produced by a recorded operation (a parameter, an input, a constant).</summary>
    public bool IsLeaf => Inputs is null;

    /// <summary>The accumulated gradient of the last backward passes with respect to this leaf, or null.</summary>
    public Tensor<T>? Grad { get; set; }

    /// <summary>Raw, writable access to the elements in row-major order. Writes bypass autodiff.</summary>
    public Span<T> AsSpan() => Data;

    /// <summary>A copy of the elements in row-major order.</summary>
    public T[] ToArray()
    {
        RefuseWhileTracing(nameof(ToArray));
        return (T[])Data.Clone();
    }

    /// <summary>The value of a one-element tensor.</summary>
    public T Item()
    {
        RefuseWhileTracing(nameof(Item));
        if (Data.Length != 1)
            throw new InvalidOperationException($"Item() needs a tensor with one element, but this one has shape {ShapeUtil.Format(Dims)}.");
        return Data[0];
    }

    /// <summary>The element at the given index (one coordinate per dimension).</summary>
    [IndexerName("Element")]
    public T this[params int[] index]
    {
        get
        {
            RefuseWhileTracing("the indexer");
            return Data[ShapeUtil.FlatIndex(Dims, index)];
        }
        set => Data[ShapeUtil.FlatIndex(Dims, index)] = value;
    }

    /// <summary>Marks this leaf as requiring gradients and returns it, for fluent creation.</summary>
    public Tensor<T> RequireGrad()
    {
        RequiresGrad = true;
        return this;
    }

    /// <summary>A tensor with the same values (shared storage) that is cut from the graph and needs no gradient.</summary>
    public Tensor<T> Detach()
    {
        var y = new Tensor<T>(Data, Dims);
        Trace(OpCode.Reshape, y, this);
        return y;
    }

    /// <summary>A new tensor with a copy of the values, cut from the graph.</summary>
    public Tensor<T> Clone()
    {
        var y = new Tensor<T>((T[])Data.Clone(), (int[])Dims.Clone());
        Trace(OpCode.Copy, y, this);
        return y;
    }

    /// <summary>Sets <see cref="Grad"/>'s values to zero (keeping its buffer), or does nothing when there is none.</summary>
    public void ZeroGrad()
    {
        if (Grad is not null)
            Array.Clear(Grad.Data);
    }

    /// <summary>Runs backpropagation from this scalar, accumulating d(this)/d(leaf) into each leaf's <see cref="Grad"/>.</summary>
    public void Backward() => Autograd.Backward(this, null, createGraph: false);

    /// <summary>Runs backpropagation from this tensor with the given output gradient (same shape).</summary>
    public void Backward(Tensor<T> gradient, bool createGraph = false) => Autograd.Backward(this, gradient, createGraph);

    /// <summary>Copies the values to a tensor of another element type (float ↔ double); the copy is cut from the graph.</summary>
    public Tensor<TOut> Cast<TOut>() where TOut : unmanaged, IFloatingPointIeee754<TOut>
    {
        RefuseWhileTracing("Cast");
        var result = new TOut[Data.Length];
        for (int i = 0; i < result.Length; i++)
            result[i] = TOut.CreateTruncating(Data[i]);
        return new Tensor<TOut>(result, (int[])Dims.Clone());
    }

    /// <summary>A double-precision copy (cut from the graph).</summary>
    public Tensor<double> ToDouble() => Cast<double>();

    /// <summary>A single-precision copy (cut from the graph).</summary>
    public Tensor<float> ToFloat() => Cast<float>();

    /// <summary>A readable rendering in the style of NumPy, with the shape; long dimensions are elided.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("tensor(");
        if (Dims.Length == 0)
            text.Append(FormatValue(Data[0]));
        else
            AppendNested(text, 0, 0, indent: 7);
        text.Append(", shape=").Append(ShapeUtil.Format(Dims));
        if (RequiresGrad)
            text.Append(", requires_grad");
        return text.Append(')').ToString();
    }

    private void AppendNested(StringBuilder text, int dim, int offset, int indent)
    {
        const int EdgeItems = 3, Threshold = 8;
        int size = Dims[dim];
        int stride = ShapeUtil.Stride(Dims, dim);
        text.Append('[');
        for (int i = 0; i < size; i++)
        {
            if (size > Threshold && i == EdgeItems)
            {
                text.Append(dim == Dims.Length - 1 ? "..., " : "...,\n" + new string(' ', indent + dim + 1));
                i = size - EdgeItems;
            }
            if (dim == Dims.Length - 1)
                text.Append(FormatValue(Data[offset + i]));
            else
                AppendNested(text, dim + 1, offset + i * stride, indent);
            if (i < size - 1)
                text.Append(dim == Dims.Length - 1 ? ", " : ",\n" + new string(' ', indent + dim + 1));
        }
        text.Append(']');
    }

    private static string FormatValue(T value) =>
        double.CreateTruncating(value).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool SameShape(Tensor<T> a, Tensor<T> b) =>
        a.Dims.Length == b.Dims.Length && a.Dims.AsSpan().SequenceEqual(b.Dims);
}
