using System.Numerics.Tensors;
using NeuroScope.Kernels;

using NeuroScope.Compile;

namespace NeuroScope;

public sealed partial class Tensor<T>
{
    /// <summary>Element-wise eˣ; d/dx = eˣ = y.</summary>
    public Tensor<T> Exp() => Unary(this, OpCode.Exp, TensorPrimitives.Exp, static (x, y) => y);

    /// <summary>Element-wise natural logarithm; d/dx = 1/x.</summary>
    public Tensor<T> Log() => Unary(this, OpCode.Log, TensorPrimitives.Log, static (x, y) => x.DivideInto(T.One));

    /// <summary>Element-wise square root; d/dx = 1/(2√x) = 1/(2y).</summary>
    public Tensor<T> Sqrt() => Unary(this, OpCode.Sqrt, TensorPrimitives.Sqrt, static (x, y) => y.Mul(T.CreateTruncating(2)).DivideInto(T.One));

    /// <summary>Element-wise |x|; d/dx = sign(x) (0 at 0).</summary>
    public Tensor<T> Abs() => Unary(this, OpCode.Abs, TensorPrimitives.Abs, static (x, y) => x.Sign());

    /// <summary>Element-wise sine; d/dx = cos x.</summary>
    public Tensor<T> Sin() => Unary(this, OpCode.Sin, TensorPrimitives.Sin, static (x, y) => x.Cos());

    /// <summary>Element-wise cosine; d/dx = −sin x.</summary>
    public Tensor<T> Cos() => Unary(this, OpCode.Cos, TensorPrimitives.Cos, static (x, y) => x.Sin().Neg());

    /// <summary>Element-wise hyperbolic tangent; d/dx = 1 − tanh² = 1 − y².</summary>
    public Tensor<T> Tanh() => Unary(this, OpCode.Tanh, TensorPrimitives.Tanh, static (x, y) => T.One - y * y);

    /// <summary>Element-wise logistic sigmoid 1/(1 + e⁻ˣ); d/dx = y(1 − y).</summary>
    public Tensor<T> Sigmoid() => Unary(this, OpCode.Sigmoid, TensorPrimitives.Sigmoid, static (x, y) => y * (T.One - y));

    /// <summary>Element-wise max(x, 0); d/dx = 1 where x &gt; 0 and 0 elsewhere (0 at 0, as in PyTorch).</summary>
    public Tensor<T> Relu() => Unary(this, OpCode.Relu, static (x, y) => TensorPrimitives.Max(x, T.Zero, y), static (x, y) => x.Greater(T.Zero));

    /// <summary>Element-wise log(1 + eˣ), computed stably; d/dx = sigmoid(x).</summary>
    public Tensor<T> Softplus() => Unary(this, OpCode.Softplus, SoftplusKernel, static (x, y) => x.Sigmoid());

    /// <summary>Element-wise sign (−1, 0 or 1); its derivative is 0 wherever it exists.</summary>
    public Tensor<T> Sign()
    {
        var y = NewLike();
        for (int i = 0; i < Data.Length; i++)
            y.Data[i] = T.IsNaN(Data[i]) ? Data[i] : T.CreateTruncating(T.Sign(Data[i]));
        Trace(OpCode.Sign, y, this);
        return y;
    }

    /// <summary>Clamps each element into [min, max]; d/dx = 1 where the value is inside (boundaries included), else 0.</summary>
    public Tensor<T> Clamp(T min, T max)
    {
        if (min > max)
            throw new ArgumentException($"Clamp: min ({min}) must not exceed max ({max}).");
        var y = NewLike();
        TensorPrimitives.Max(Data, min, y.Data);
        TensorPrimitives.Min(y.Data, max, y.Data);
        Trace(OpCode.Clamp, y, this, min, max);
        if (_requiresGrad && Autograd.IsGradEnabled)
        {
            y.Inputs = [this];
            y.Local = static (x, y) => x.Equal(y);
            y._requiresGrad = true;
        }
        return y;
    }

    /// <summary>Element-wise maximum of two tensors (broadcasting); the gradient goes to the larger (to the first on ties).</summary>
    public Tensor<T> Maximum(Tensor<T> other) => Tensor.Where(GreaterEqual(other), this, other);

    /// <summary>Element-wise minimum of two tensors (broadcasting); the gradient goes to the smaller (to the first on ties).</summary>
    public Tensor<T> Minimum(Tensor<T> other) => Tensor.Where(LessEqual(other), this, other);

    /// <summary>Mask: 1 where this &gt; other, else 0 (broadcasting). Not differentiable.</summary>
    public Tensor<T> Greater(Tensor<T> other) => Binary<CompareOperator<T, GreaterRule<T>>>(this, other, null, OpCode.Greater);
    /// <summary>Mask: 1 where this ≥ other, else 0 (broadcasting). Not differentiable.</summary>
    public Tensor<T> GreaterEqual(Tensor<T> other) => Binary<CompareOperator<T, GreaterEqualRule<T>>>(this, other, null, OpCode.GreaterEqual);
    /// <summary>Mask: 1 where this &lt; other, else 0 (broadcasting). Not differentiable.</summary>
    public Tensor<T> Less(Tensor<T> other) => Binary<CompareOperator<T, LessRule<T>>>(this, other, null, OpCode.Less);
    /// <summary>Mask: 1 where this ≤ other, else 0 (broadcasting). Not differentiable.</summary>
    public Tensor<T> LessEqual(Tensor<T> other) => Binary<CompareOperator<T, LessEqualRule<T>>>(this, other, null, OpCode.LessEqual);
    /// <summary>Mask: 1 where this = other, else 0 (broadcasting). Not differentiable.</summary>
    public Tensor<T> Equal(Tensor<T> other) => Binary<CompareOperator<T, EqualRule<T>>>(this, other, null, OpCode.Equal);

    /// <summary>Mask: 1 where this &gt; s, else 0.</summary>
    public Tensor<T> Greater(T scalar) => CompareScalar<GreaterRule<T>>(scalar, OpCode.GreaterScalar);
    /// <summary>Mask: 1 where this ≥ s, else 0.</summary>
    public Tensor<T> GreaterEqual(T scalar) => CompareScalar<GreaterEqualRule<T>>(scalar, OpCode.GreaterEqualScalar);
    /// <summary>Mask: 1 where this &lt; s, else 0.</summary>
    public Tensor<T> Less(T scalar) => CompareScalar<LessRule<T>>(scalar, OpCode.LessScalar);
    /// <summary>Mask: 1 where this ≤ s, else 0.</summary>
    public Tensor<T> LessEqual(T scalar) => CompareScalar<LessEqualRule<T>>(scalar, OpCode.LessEqualScalar);
    /// <summary>Mask: 1 where this = s, else 0.</summary>
    public Tensor<T> Equal(T scalar) => CompareScalar<EqualRule<T>>(scalar, OpCode.EqualScalar);

    private Tensor<T> CompareScalar<TRule>(T scalar, OpCode op) where TRule : IComparisonRule<T>
    {
        var y = NewLike();
        CompareOperator<T, TRule>.Apply(Data, scalar, y.Data);
        Trace(op, y, this, scalar);
        return y;
    }

    private static void SoftplusKernel(ReadOnlySpan<T> x, Span<T> y)
    {
        // max(x, 0) + log(1 + e^−|x|) never overflows, unlike log(1 + eˣ).
        for (int i = 0; i < x.Length; i++)
            y[i] = T.Max(x[i], T.Zero) + T.LogP1(T.Exp(-T.Abs(x[i])));
    }

    internal static Tensor<T> WhereCore(Tensor<T> condition, Tensor<T> a, Tensor<T> b)
    {
        int[] dims = ShapeUtil.Broadcast(ShapeUtil.Broadcast(condition.Dims, a.Dims, "Where"), b.Dims, "Where");
        var y = Empty(dims);
        var c = condition.BroadcastData(dims);
        var av = a.BroadcastData(dims);
        var bv = b.BroadcastData(dims);
        for (int i = 0; i < y.Data.Length; i++)
            y.Data[i] = c[i] != T.Zero ? av[i] : bv[i];
        Trace(OpCode.Where, y, condition, a, b);
        return Record(y, a, b, static (g, y, i) =>
        {
            var mask = (Tensor<T>)y.State!;
            var zero = new Tensor<T>([T.Zero], []);
            return i == 0 ? WhereCore(mask, g, zero) : WhereCore(mask, zero, g);
        }, condition);
    }

    private T[] BroadcastData(int[] dims)
    {
        if (Data.Length == ShapeUtil.Product(dims))
            return Data;
        var result = new T[ShapeUtil.Product(dims)];
        Layout.BroadcastTo(Data, Dims, result, dims);
        return result;
    }
}
