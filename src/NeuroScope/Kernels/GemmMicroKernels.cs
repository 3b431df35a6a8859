using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static NeuroScope.Kernels.VectorMath;

namespace NeuroScope.Kernels;

/// <summary>
/// The register tiles of the blocked GEMM: an MR-row × 2-vector tile of C accumulated with FMA over one k-block,
/// in 512-bit registers where the hardware has them, else in <see cref="Vector{T}"/>.
/// </summary>
internal static unsafe class GemmMicroKernels
{
    /// <summary>Dispatches to the widest accelerated register tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MicroKernel<T>(int kc, T* a, nint rowStride, nint colStride, int rows, T* b, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Kernel512(kc, a, rowStride, colStride, rows, b, c, ldc, accumulate);
        }
        else
        {
            KernelVector(kc, a, rowStride, colStride, rows, b, c, ldc, accumulate);
        }
    }

    /// <summary>
    /// C tile [MR × 2 vectors] (+)= A panel [MR × kc] · B panel [kc × 2 vectors]. Sixteen accumulators live in
    /// registers for the whole k loop; each step loads two B vectors and broadcasts MR A elements.
    /// Rows past <paramref name="rows"/> re-read the last valid row (results are discarded by the caller).
    /// </summary>
    private static void Kernel512<T>(int kc, T* a, nint rowStride, nint colStride, int rows, T* b, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        nint o1 = rows > 1 ? 1 * rowStride : 0;
        nint o2 = rows > 2 ? 2 * rowStride : o1;
        nint o3 = rows > 3 ? 3 * rowStride : o2;
        nint o4 = rows > 4 ? 4 * rowStride : o3;
        nint o5 = rows > 5 ? 5 * rowStride : o4;
        nint o6 = rows > 6 ? 6 * rowStride : o5;
        nint o7 = rows > 7 ? 7 * rowStride : o6;
        Vector512<T> c00 = default, c01 = default;
        Vector512<T> c10 = default, c11 = default;
        Vector512<T> c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default;
        Vector512<T> c40 = default, c41 = default;
        Vector512<T> c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default;
        Vector512<T> c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + w);
            Vector512<T> x = Vector512.Create(a[0]);
            c00 = MulAdd(x, b0, c00);
            c01 = MulAdd(x, b1, c01);
            x = Vector512.Create(a[o1]);
            c10 = MulAdd(x, b0, c10);
            c11 = MulAdd(x, b1, c11);
            x = Vector512.Create(a[o2]);
            c20 = MulAdd(x, b0, c20);
            c21 = MulAdd(x, b1, c21);
            x = Vector512.Create(a[o3]);
            c30 = MulAdd(x, b0, c30);
            c31 = MulAdd(x, b1, c31);
            x = Vector512.Create(a[o4]);
            c40 = MulAdd(x, b0, c40);
            c41 = MulAdd(x, b1, c41);
            x = Vector512.Create(a[o5]);
            c50 = MulAdd(x, b0, c50);
            c51 = MulAdd(x, b1, c51);
            x = Vector512.Create(a[o6]);
            c60 = MulAdd(x, b0, c60);
            c61 = MulAdd(x, b1, c61);
            x = Vector512.Create(a[o7]);
            c70 = MulAdd(x, b0, c70);
            c71 = MulAdd(x, b1, c71);
            a += colStride;
            b += 2 * w;
        }

        T* c0 = c;
        T* c1 = c0 + ldc;
        T* c2 = c1 + ldc;
        T* c3 = c2 + ldc;
        T* c4 = c3 + ldc;
        T* c5 = c4 + ldc;
        T* c6 = c5 + ldc;
        T* c7 = c6 + ldc;
        if (accumulate)
        {
            c00 += Vector512.Load(c0);
            c01 += Vector512.Load(c0 + w);
            c10 += Vector512.Load(c1);
            c11 += Vector512.Load(c1 + w);
            c20 += Vector512.Load(c2);
            c21 += Vector512.Load(c2 + w);
            c30 += Vector512.Load(c3);
            c31 += Vector512.Load(c3 + w);
            c40 += Vector512.Load(c4);
            c41 += Vector512.Load(c4 + w);
            c50 += Vector512.Load(c5);
            c51 += Vector512.Load(c5 + w);
            c60 += Vector512.Load(c6);
            c61 += Vector512.Load(c6 + w);
            c70 += Vector512.Load(c7);
            c71 += Vector512.Load(c7 + w);
        }

        c00.Store(c0);
        c01.Store(c0 + w);
        c10.Store(c1);
        c11.Store(c1 + w);
        c20.Store(c2);
        c21.Store(c2 + w);
        c30.Store(c3);
        c31.Store(c3 + w);
        c40.Store(c4);
        c41.Store(c4 + w);
        c50.Store(c5);
        c51.Store(c5 + w);
        c60.Store(c6);
        c61.Store(c6 + w);
        c70.Store(c7);
        c71.Store(c7 + w);
    }

    /// <summary>
    /// Same tile as <see cref="Kernel512{T}"/> on <see cref="Vector{T}"/> (AVX2 / NEON machines), done as two passes of
    /// four rows: sixteen accumulators would spill on x64 without AVX-512, which has only 16 vector registers.
    /// </summary>
    private static void KernelVector<T>(int kc, T* a, nint rowStride, nint colStride, int rows, T* b, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint o1 = rows > 1 ? rowStride : 0;
        nint o2 = rows > 2 ? 2 * rowStride : o1;
        nint o3 = rows > 3 ? 3 * rowStride : o2;
        nint o4 = rows > 4 ? 4 * rowStride : o3;
        nint o5 = rows > 5 ? 5 * rowStride : o4;
        nint o6 = rows > 6 ? 6 * rowStride : o5;
        nint o7 = rows > 7 ? 7 * rowStride : o6;
        KernelVector4(kc, a, 0, o1, o2, o3, colStride, b, c, ldc, accumulate);
        KernelVector4(kc, a, o4, o5, o6, o7, colStride, b, c + 4 * ldc, ldc, accumulate);
    }

    /// <summary>Four rows × two vectors of C; row r of the A panel starts at a + o<i>r</i>.</summary>
    private static void KernelVector4<T>(int kc, T* a, nint o0, nint o1, nint o2, nint o3, nint colStride, T* b, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        Vector<T> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector<T> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector<T> b0 = Vector.Load(b);
            Vector<T> b1 = Vector.Load(b + w);
            var x = new Vector<T>(a[o0]);
            c00 = MulAdd(x, b0, c00);
            c01 = MulAdd(x, b1, c01);
            x = new Vector<T>(a[o1]);
            c10 = MulAdd(x, b0, c10);
            c11 = MulAdd(x, b1, c11);
            x = new Vector<T>(a[o2]);
            c20 = MulAdd(x, b0, c20);
            c21 = MulAdd(x, b1, c21);
            x = new Vector<T>(a[o3]);
            c30 = MulAdd(x, b0, c30);
            c31 = MulAdd(x, b1, c31);
            a += colStride;
            b += 2 * w;
        }

        T* c0 = c, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        if (accumulate)
        {
            c00 += Vector.Load(c0);
            c01 += Vector.Load(c0 + w);
            c10 += Vector.Load(c1);
            c11 += Vector.Load(c1 + w);
            c20 += Vector.Load(c2);
            c21 += Vector.Load(c2 + w);
            c30 += Vector.Load(c3);
            c31 += Vector.Load(c3 + w);
        }

        c00.Store(c0);
        c01.Store(c0 + w);
        c10.Store(c1);
        c11.Store(c1 + w);
        c20.Store(c2);
        c21.Store(c2 + w);
        c30.Store(c3);
        c31.Store(c3 + w);
    }
}
