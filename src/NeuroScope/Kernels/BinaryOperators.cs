using System.Numerics;
using System.Numerics.Tensors;

namespace NeuroScope.Kernels;

/// <summary>An element-wise binary operation in its four shapes: scalar, span–span, span–scalar, scalar–span.</summary>
internal interface IBinaryOperator<T>
{
    static abstract T Apply(T x, T y);
    static abstract void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);
    static abstract void Apply(ReadOnlySpan<T> x, T y, Span<T> destination);
    static abstract void Apply(T x, ReadOnlySpan<T> y, Span<T> destination);
}

internal readonly struct AddOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x, T y) => x + y;
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Add(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Add(y, x, d);
}

internal readonly struct SubtractOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x, T y) => x - y;
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Subtract(x, y, d);
}

internal readonly struct MultiplyOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x, T y) => x * y;
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Multiply(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Multiply(y, x, d);
}

internal readonly struct DivideOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x, T y) => x / y;
    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d) => TensorPrimitives.Divide(x, y, d);
}

/// <summary>A relation used by comparisons, which write 1 where it holds and 0 elsewhere.</summary>
internal interface IComparisonRule<T>
{
    static abstract bool Holds(T x, T y);
}

internal readonly struct GreaterRule<T> : IComparisonRule<T> where T : IFloatingPointIeee754<T> { public static bool Holds(T x, T y) => x > y; }
internal readonly struct GreaterEqualRule<T> : IComparisonRule<T> where T : IFloatingPointIeee754<T> { public static bool Holds(T x, T y) => x >= y; }
internal readonly struct LessRule<T> : IComparisonRule<T> where T : IFloatingPointIeee754<T> { public static bool Holds(T x, T y) => x < y; }
internal readonly struct LessEqualRule<T> : IComparisonRule<T> where T : IFloatingPointIeee754<T> { public static bool Holds(T x, T y) => x <= y; }
internal readonly struct EqualRule<T> : IComparisonRule<T> where T : IFloatingPointIeee754<T> { public static bool Holds(T x, T y) => x == y; }

internal readonly struct CompareOperator<T, TRule> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T> where TRule : IComparisonRule<T>
{
    public static T Apply(T x, T y) => TRule.Holds(x, y) ? T.One : T.Zero;

    public static void Apply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++)
            d[i] = TRule.Holds(x[i], y[i]) ? T.One : T.Zero;
    }

    public static void Apply(ReadOnlySpan<T> x, T y, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++)
            d[i] = TRule.Holds(x[i], y) ? T.One : T.Zero;
    }

    public static void Apply(T x, ReadOnlySpan<T> y, Span<T> d)
    {
        for (int i = 0; i < d.Length; i++)
            d[i] = TRule.Holds(x, y[i]) ? T.One : T.Zero;
    }
}
