using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using static NeuroScope.Kernels.BlockedGemm;
using static NeuroScope.Kernels.MatMulVectorShapes;

namespace NeuroScope.Kernels;

/// <summary>Dense matrix multiply on row-major spans: C = op(A)·op(B).</summary>
/// <remarks>
/// Tiny problems take a plain scalar loop (no buffers, no threads). Rank-1 and matrix-vector shapes (k = 1,
/// n = 1, m = 1) are bandwidth-bound and get dedicated streaming loops. Everything else runs a cache-blocked
/// GEMM: B is packed into zero-padded panels of two vectors' width, A is read in place (or packed when
/// transposed), and an 8-row × 2-vector tile of C is accumulated in registers with FMA over each k-block.
/// Large problems are split over up to <see cref="EngineSettings.MaxThreads"/> threads. This class decides the path;
/// <see cref="MatMulVectorShapes"/>, <see cref="BlockedGemm"/>, <see cref="GemmPacking"/> and
/// <see cref="GemmMicroKernels"/> hold the paths.
/// </remarks>
internal static unsafe class MatMulKernel
{
    /// <summary>At or below this many multiply-adds the scalar loop beats packing and dispatch.</summary>
    private const long ScalarMaxWork = 256;

    /// <summary>GEMM is skipped for the scalar loop when padded tiles would hold more than this many times the real output.</summary>
    private const int NarrowPadding = 24;

    /// <summary>
    /// Below this many multiply-adds (4M, about 80 µs on one core), thread hand-off costs more than it saves. The
    /// matrix-vector paths divide their work by 4 first: they are bandwidth-bound and a second core buys less.
    /// At 1M, the 64-wide fits' products (256 or 500 rows) went to two threads and ran no faster (W4: 418 µs per step
    /// on two threads against 368 on one) while using a third more processor time.
    /// </summary>
    internal const long ParallelMinWork = 1L << 22;

    /// <summary>C[m,n] = op(A)[m,k]·op(B)[k,n], overwriting C. A is stored [m,k], or [k,m] when transposeA; B is stored [k,n], or [n,k] when transposeB.</summary>
    /// <param name="a">Left operand, row-major.</param>
    /// <param name="b">Right operand, row-major.</param>
    /// <param name="c">Destination [m,n], row-major; fully overwritten.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="transposeA">Whether A is stored [k,m] and used transposed.</param>
    /// <param name="transposeB">Whether B is stored [n,k] and used transposed.</param>
    public static void Multiply<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);

        long mn = (long)m * n;
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < mn)
        {
            throw new ArgumentException("A span is shorter than the matrix dimensions require.");
        }

        if (mn == 0)
        {
            return;
        }

        if (k == 0)
        {
            c[..(int)mn].Clear();
            return;
        }

        // Vector shapes, whatever the transpose flags (both operands are then contiguous vectors): a scaled copy or a dot.
        if (k == 1 && n == 1)
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(a[..m], b[0], c[..m]);
            return;
        }
        if (m == 1 && n == 1)
        {
            c[0] = System.Numerics.Tensors.TensorPrimitives.Dot(a[..k], b[..k]);
            return;
        }

        long work = mn * k;
        if (work <= ScalarMaxWork || !SimdSupported<T>())
        {
            Scalar(a, b, c, m, k, n, transposeA, transposeB);
            return;
        }

        MultiplySimd(a, b, c, m, k, n, transposeA, transposeB, work);
    }

    /// <summary>Shape dispatch for the vectorized paths; kept out of <see cref="Multiply{T}"/> so tiny calls stay lean.</summary>
    private static void MultiplySimd<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool transposeA, bool transposeB, long work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long mn = (long)m * n;
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (k == 1)
            {
                // Rank-1: both operands are contiguous vectors whatever the transpose flags.
                Outer(pa, pb, pc, m, n, Threads(work));
            }
            else if (n == 1)
            {
                if (transposeA)
                {
                    VecMat(pb, pa, pc, k, m, m, Threads(work / 4));   // c = bᵀ·A, A stored [k,m]
                }
                else
                {
                    MatVec(pa, pb, pc, m, k, Threads(work / 4));      // c = A·b
                }
            }
            else if (m == 1)
            {
                if (transposeB)
                {
                    MatVec(pb, pa, pc, n, k, Threads(work / 4));      // c = B·a, B stored [n,k]
                }
                else
                {
                    VecMat(pa, pb, pc, k, n, n, Threads(work / 4));   // c = aᵀ·B
                }
            }
            else if ((long)RoundUp(m, MR) * RoundUp(n, 2 * VectorWidth<T>()) > NarrowPadding * mn)
            {
                // So narrow (e.g. 3×k×2) that padding to whole register tiles would waste most of the SIMD work.
                Scalar(a, b, c, m, k, n, transposeA, transposeB);
            }
            else
            {
                BlockedGemm.Multiply(pa, pb, pc, m, k, n, transposeA, transposeB, Threads(work));
            }
        }
    }

    /// <summary>
    /// Whether <see cref="Multiply{T}"/> takes a path that can also compute C a block of rows at a time with the same
    /// bits (<see cref="MatMulRows{T}"/>): the blocked GEMM with op(B) small enough to keep packed, or the outer product.
    /// </summary>
    internal static bool HasRowBlocks<T>(int m, int k, int n, bool transposeA)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long mn = (long)m * n, work = mn * k;
        if (m < 2 || n < 2 || k < 1 || work <= ScalarMaxWork || !SimdSupported<T>())
            return false;
        if (k == 1)
            return true;
        return (long)RoundUp(m, MR) * RoundUp(n, 2 * VectorWidth<T>()) <= NarrowPadding * mn && PackedLength<T>(k, n) > 0;
    }

    /// <summary>Threads worth using for this much work; 1 keeps everything on the calling thread.</summary>
    private static int Threads(long work) => work >= ParallelMinWork ? EngineSettings.MaxThreads : 1;

    /// <summary>The SIMD paths cover float and double on hardware with vector support; anything else is scalar.</summary>
    private static bool SimdSupported<T>()
        => (typeof(T) == typeof(float) || typeof(T) == typeof(double))
           && (Vector512.IsHardwareAccelerated || Vector.IsHardwareAccelerated);

    /// <summary>Straight triple loop with stride arithmetic; the fastest option for a handful of elements.</summary>
    private static void Scalar<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // op(A)[i,p] = a[i*rowA + p*colA]; op(B)[p,j] = b[p*rowB + j*colB]. Multiply checked the span lengths,
        // so the unchecked element refs stay in bounds. Also the path for element types without SIMD support.
        int rowA = transposeA ? 1 : k, colA = transposeA ? m : 1;
        int rowB = transposeB ? 1 : n, colB = transposeB ? k : 1;
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rc = ref MemoryMarshal.GetReference(c);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                nint ia = (nint)i * rowA, ib = (nint)j * colB;
                for (int p = 0; p < k; p++)
                {
                    sum += Unsafe.Add(ref ra, ia) * Unsafe.Add(ref rb, ib);
                    ia += colA;
                    ib += rowB;
                }

                Unsafe.Add(ref rc, (nint)i * n + j) = sum;
            }
        }
    }
}
