using System.Numerics;

namespace NeuroScope.Compile;

/// <summary>
/// The scalar form of each op a fused loop may contain. Each is exactly what the op's span kernel computes per
/// element (IEEE arithmetic, maximum and minimum, correctly rounded square root), so a fused loop gives the same bits
/// as the op-by-op passes. Ops whose SIMD kernels round differently from their scalar forms (exp, tanh, ...) are not
/// here: they keep their own passes.
/// </summary>
internal static class ScalarOps<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Add(T a, T b) => a + b;
    public static T Sub(T a, T b) => a - b;
    public static T Mul(T a, T b) => a * b;
    public static T Div(T a, T b) => a / b;
    public static T Neg(T x) => -x;
    public static T Identity(T x) => x;
    public static T Greater(T a, T b) => a > b ? T.One : T.Zero;
    public static T GreaterEqual(T a, T b) => a >= b ? T.One : T.Zero;
    public static T Less(T a, T b) => a < b ? T.One : T.Zero;
    public static T LessEqual(T a, T b) => a <= b ? T.One : T.Zero;
    public static T Equal(T a, T b) => a == b ? T.One : T.Zero;
    public static T Where(T condition, T a, T b) => condition != T.Zero ? a : b;
    public static T Sign(T x) => T.IsNaN(x) ? x : T.CreateTruncating(T.Sign(x));
    public static T Clamp(T x, T min, T max) => T.Min(T.Max(x, min), max);
    public static T Relu(T x) => T.Max(x, T.Zero);
    public static T Abs(T x) => T.Abs(x);
    public static T Sqrt(T x) => T.Sqrt(x);
    public static T Step(T x) => T.IsNaN(x) ? x : x >= T.Zero ? T.One : T.Zero;
}
