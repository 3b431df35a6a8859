using System.Numerics.Tensors;
using NeuroScope.Kernels;

using NeuroScope.Compile;

namespace NeuroScope;

public sealed partial class Tensor<T>
{
    /// <summary>Element-wise sum with broadcasting; d/da = d/db = 1.</summary>
    public Tensor<T> Add(Tensor<T> other) =>
        Binary<AddOperator<T>>(this, other, static (g, y, i) => g, OpCode.Add);

    /// <summary>Element-wise difference with broadcasting; d/da = 1, d/db = −1.</summary>
    public Tensor<T> Sub(Tensor<T> other) =>
        Binary<SubtractOperator<T>>(this, other, static (g, y, i) => i == 0 ? g : g.Neg(), OpCode.Sub);

    /// <summary>Element-wise product with broadcasting; d/da = b, d/db = a.</summary>
    public Tensor<T> Mul(Tensor<T> other) =>
        Binary<MultiplyOperator<T>>(this, other, static (g, y, i) => g * y.Inputs![1 - i], OpCode.Mul);

    /// <summary>Element-wise quotient with broadcasting; d/da = 1/b, d/db = −a/b² = −y/b.</summary>
    public Tensor<T> Div(Tensor<T> other) =>
        Binary<DivideOperator<T>>(this, other,
            static (g, y, i) => i == 0 ? g / y.Inputs![1] : (g * y / y.Inputs![1]).Neg(), OpCode.Div);

    /// <summary>Negation; d/dx = −1.</summary>
    public Tensor<T> Neg()
    {
        var y = NewLike();
        TensorPrimitives.Negate<T>(Data, y.Data);
        Trace(OpCode.Neg, y, this);
        return Record(y, this, static (g, y, i) => g.Neg());
    }

    /// <summary>Adds a scalar; d/dx = 1.</summary>
    public Tensor<T> Add(T scalar)
    {
        var y = NewLike();
        TensorPrimitives.Add<T>(Data, scalar, y.Data);
        y.Scalar = scalar;
        Trace(OpCode.AddScalar, y, this, scalar);
        return Record(y, this, static (g, y, i) => g);
    }

    /// <summary>Multiplies by a scalar; d/dx = s.</summary>
    public Tensor<T> Mul(T scalar)
    {
        var y = NewLike();
        TensorPrimitives.Multiply<T>(Data, scalar, y.Data);
        y.Scalar = scalar;
        Trace(OpCode.MulScalar, y, this, scalar);
        return Record(y, this, static (g, y, i) => g.Mul(y.Scalar));
    }

    /// <summary>Divides by a scalar (a true division, as PyTorch does, not a multiply by 1/s); d/dx = 1/s.</summary>
    public Tensor<T> Div(T scalar)
    {
        var y = NewLike();
        TensorPrimitives.Divide<T>(Data, scalar, y.Data);
        y.Scalar = scalar;
        Trace(OpCode.DivScalar, y, this, scalar);
        return Record(y, this, static (g, y, i) => g.Div(y.Scalar));
    }

    /// <summary>s / x element-wise; d/dx = −s/x² = −y/x.</summary>
    public Tensor<T> DivideInto(T scalar)
    {
        var y = NewLike();
        TensorPrimitives.Divide<T>(scalar, Data, y.Data);
        y.Scalar = scalar;
        Trace(OpCode.DivideInto, y, this, scalar);
        return Record(y, this, static (g, y, i) => (g * y / y.Inputs![0]).Neg());
    }

    /// <summary>x^p for a scalar exponent; d/dx = p·x^(p−1).</summary>
    public Tensor<T> Pow(T exponent)
    {
        var y = NewLike();
        if (exponent == T.CreateTruncating(2))
            TensorPrimitives.Multiply<T>(Data, Data, y.Data);
        else if (exponent == T.One)
            Data.AsSpan().CopyTo(y.Data);
        else
            TensorPrimitives.Pow<T>(Data, exponent, y.Data);
        y.Scalar = exponent;
        Trace(OpCode.Pow, y, this, exponent);
        return Record(y, this, static (g, y, i) => g * y.Inputs![0].Pow(y.Scalar - T.One).Mul(y.Scalar));
    }

    /// <summary>x², a shorthand for <c>Pow(2)</c>.</summary>
    public Tensor<T> Square() => Pow(T.CreateTruncating(2));

    /// <inheritdoc cref="Add(Tensor{T})"/>
    public static Tensor<T> operator +(Tensor<T> a, Tensor<T> b) => a.Add(b);
    /// <inheritdoc cref="Sub(Tensor{T})"/>
    public static Tensor<T> operator -(Tensor<T> a, Tensor<T> b) => a.Sub(b);
    /// <inheritdoc cref="Mul(Tensor{T})"/>
    public static Tensor<T> operator *(Tensor<T> a, Tensor<T> b) => a.Mul(b);
    /// <inheritdoc cref="Div(Tensor{T})"/>
    public static Tensor<T> operator /(Tensor<T> a, Tensor<T> b) => a.Div(b);
    /// <inheritdoc cref="Neg"/>
    public static Tensor<T> operator -(Tensor<T> x) => x.Neg();
    /// <inheritdoc cref="Add(T)"/>
    public static Tensor<T> operator +(Tensor<T> x, T s) => x.Add(s);
    /// <inheritdoc cref="Add(T)"/>
    public static Tensor<T> operator +(T s, Tensor<T> x) => x.Add(s);
    /// <summary>Subtracts a scalar.</summary>
    public static Tensor<T> operator -(Tensor<T> x, T s) => x.Add(-s);
    /// <summary>A scalar minus a tensor: −x + s.</summary>
    public static Tensor<T> operator -(T s, Tensor<T> x) => x.Neg().Add(s);
    /// <inheritdoc cref="Mul(T)"/>
    public static Tensor<T> operator *(Tensor<T> x, T s) => x.Mul(s);
    /// <inheritdoc cref="Mul(T)"/>
    public static Tensor<T> operator *(T s, Tensor<T> x) => x.Mul(s);
    /// <inheritdoc cref="Div(T)"/>
    public static Tensor<T> operator /(Tensor<T> x, T s) => x.Div(s);
    /// <inheritdoc cref="DivideInto"/>
    public static Tensor<T> operator /(T s, Tensor<T> x) => x.DivideInto(s);
}
