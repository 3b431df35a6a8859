using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NeuroScope.Kernels;

/// <summary>Fused multiply-add on SIMD vectors, shared by the matrix-vector loops and the GEMM micro-kernels.</summary>
internal static class VectorMath
{
    /// <summary>x·y + z in one rounding; the type tests fold away when the JIT specializes T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> MulAdd<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), z.AsSingle()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), z.AsDouble()).As<double, T>();
        }

        return x * y + z;
    }

    /// <summary>FMA on <see cref="Vector{T}"/> where the hardware has it; otherwise multiply-add (software FMA would be far slower).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<T> MulAdd<T>(Vector<T> x, Vector<T> y, Vector<T> z)
        where T : unmanaged
    {
        if (Fma.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                return Vector.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), z.As<T, float>()).As<float, T>();
            }

            if (typeof(T) == typeof(double))
            {
                return Vector.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), z.As<T, double>()).As<double, T>();
            }
        }

        return x * y + z;
    }
}
