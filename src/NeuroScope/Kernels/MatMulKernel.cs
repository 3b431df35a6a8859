using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NeuroScope.Kernels;

/// <summary>Dense matrix multiply on row-major spans: C = op(A)·op(B).</summary>
/// <remarks>
/// Tiny problems take a plain scalar loop (no buffers, no threads). Rank-1 and matrix-vector shapes
/// (k = 1, n = 1, m = 1) are memory-bound and go to <see cref="TensorPrimitives"/> row operations.
/// Everything else runs a cache-blocked GEMM: B is packed into zero-padded column panels, A is read in
/// place (or packed when transposed), and a 6-row × 2-vector register tile is accumulated with FMA.
/// Large problems are split over up to <see cref="EngineSettings.MaxThreads"/> threads.
/// </remarks>
internal static unsafe class MatMulKernel
{
    /// <summary>Rows of C held in registers by the micro-kernel.</summary>
    private const int MR = 6;

    /// <summary>Depth of one k-block: an MR-row slice of A (6 KB float) stays in L1 across the column panels.</summary>
    private const int KC = 256;

    /// <summary>Rows per A block when A has to be packed (transposed A); a multiple of MR.</summary>
    private const int MC = MR * 16;

    /// <summary>Target bytes of one packed B block (kc × nc), sized to sit in L2.</summary>
    private const int PackedBBytes = 512 * 1024;

    /// <summary>At or below this many multiply-adds the scalar loop beats packing and dispatch.</summary>
    private const long ScalarMaxWork = 4096;

    /// <summary>Below this many multiply-adds, thread hand-off costs more than it saves.</summary>
    private const long ParallelMinWork = 1L << 20;

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
        if ((m | k | n) < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(m), "Matrix dimensions must be non-negative.");
        }

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

        long work = mn * k;
        if (work <= ScalarMaxWork || !SimdSupported<T>())
        {
            Scalar(a, b, c, m, k, n, transposeA, transposeB);
            return;
        }

        int threads = work >= ParallelMinWork ? EngineSettings.MaxThreads : 1;

        fixed (T* pa = a, pb = b, pc = c)
        {
            if (k == 1)
            {
                // Rank-1 update: both operands are contiguous vectors whatever the transpose flags.
                Outer(pa, pb, pc, m, n, threads);
            }
            else if (n == 1)
            {
                if (transposeA)
                {
                    VecMat(pb, pa, pc, k, m, m, threads);   // c = bᵀ·A where A is stored [k,m]
                }
                else
                {
                    MatVec(pa, pb, pc, m, k, threads);      // c = A·b
                }
            }
            else if (m == 1)
            {
                if (transposeB)
                {
                    MatVec(pb, pa, pc, n, k, threads);      // c = B·a where B is stored [n,k]
                }
                else
                {
                    VecMat(pa, pb, pc, k, n, n, threads);   // c = aᵀ·B
                }
            }
            else
            {
                Gemm(pa, pb, pc, m, k, n, transposeA, transposeB, threads);
            }
        }
    }

    /// <summary>The SIMD paths cover float and double on hardware with vector support; anything else is scalar.</summary>
    private static bool SimdSupported<T>()
        => (typeof(T) == typeof(float) || typeof(T) == typeof(double))
           && (Vector512.IsHardwareAccelerated || Vector.IsHardwareAccelerated);

    // ---------------------------------------------------------------- scalar

    /// <summary>Straight triple loop with stride arithmetic; the fastest option for a handful of elements.</summary>
    private static void Scalar<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool transposeA, bool transposeB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // op(A)[i,p] = a[i*rowA + p*colA]; op(B)[p,j] = b[p*rowB + j*colB].
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

    // ---------------------------------------------------------------- memory-bound shapes

    /// <summary>c[i,j] = x[i]·y[j] (k = 1).</summary>
    private static void Outer<T>(T* x, T* y, T* c, int m, int n, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (threads > 1 && m >= 2 * threads)
        {
            nint px = (nint)x, py = (nint)y, pc = (nint)c;
            ForRanges(m, threads, 1, (lo, hi) => OuterRows((T*)px, (T*)py, (T*)pc, n, lo, hi));
        }
        else
        {
            OuterRows(x, y, c, n, 0, m);
        }
    }

    private static void OuterRows<T>(T* x, T* y, T* c, int n, int lo, int hi)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var row = new ReadOnlySpan<T>(y, n);
        for (int i = lo; i < hi; i++)
        {
            TensorPrimitives.Multiply(row, x[i], new Span<T>(c + (nint)i * n, n));
        }
    }

    /// <summary>y[i] = Σ_p M[i,p]·x[p] for a row-major M [rows, cols]: one dot product per row.</summary>
    private static void MatVec<T>(T* mat, T* x, T* y, int rows, int cols, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (threads > 1 && rows >= 2 * threads)
        {
            nint pm = (nint)mat, px = (nint)x, py = (nint)y;
            ForRanges(rows, threads, 1, (lo, hi) => MatVecRows((T*)pm, (T*)px, (T*)py, cols, lo, hi));
        }
        else
        {
            MatVecRows(mat, x, y, cols, 0, rows);
        }
    }

    private static void MatVecRows<T>(T* mat, T* x, T* y, int cols, int lo, int hi)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = new ReadOnlySpan<T>(x, cols);
        for (int i = lo; i < hi; i++)
        {
            y[i] = TensorPrimitives.Dot(new ReadOnlySpan<T>(mat + (nint)i * cols, cols), xs);
        }
    }

    /// <summary>y[j] = Σ_p x[p]·M[p,j] for a row-major M [rows, cols] with leading dimension ld: row-wise axpy into y.</summary>
    private static void VecMat<T>(T* x, T* mat, T* y, int rows, int cols, int ld, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Column slices stay independent, so threads split columns (aligned to a cache line's worth).
        if (threads > 1 && cols >= 64 * threads)
        {
            nint px = (nint)x, pm = (nint)mat, py = (nint)y;
            ForRanges(cols, threads, 16, (lo, hi) => VecMatCols((T*)px, (T*)pm, (T*)py, rows, ld, lo, hi));
        }
        else
        {
            VecMatCols(x, mat, y, rows, ld, 0, cols);
        }
    }

    private static void VecMatCols<T>(T* x, T* mat, T* y, int rows, int ld, int lo, int hi)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int len = hi - lo;
        var ys = new Span<T>(y + lo, len);
        TensorPrimitives.Multiply(new ReadOnlySpan<T>(mat + lo, len), x[0], ys);
        for (int p = 1; p < rows; p++)
        {
            TensorPrimitives.FusedMultiplyAdd(new ReadOnlySpan<T>(mat + (nint)p * ld + lo, len), x[p], ys, ys);
        }
    }

    // ---------------------------------------------------------------- blocked GEMM

    /// <summary>Elements per SIMD vector on the path the micro-kernel will take.</summary>
    private static int VectorWidth<T>() where T : unmanaged
        => Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector<T>.Count;

    private static void Gemm<T>(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = 2 * VectorWidth<T>();
        if (threads > 1)
        {
            // Split the longer side of C; each worker packs its own copy of B (cheap next to its share of the flops).
            nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
            if (m >= n && m >= 2 * MR)
            {
                ForRanges(m, threads, MR, (lo, hi) => GemmBlock((T*)pa, (T*)pb, (T*)pc, m, k, n, transposeA, transposeB, lo, hi, 0, n));
                return;
            }

            if (n >= 2 * nr)
            {
                ForRanges(n, threads, nr, (lo, hi) => GemmBlock((T*)pa, (T*)pb, (T*)pc, m, k, n, transposeA, transposeB, 0, m, lo, hi));
                return;
            }
        }

        GemmBlock(a, b, c, m, k, n, transposeA, transposeB, 0, m, 0, n);
    }

    /// <summary>Computes the C sub-block rows [i0,i1) × columns [j0,j1) with blocking over k and n.</summary>
    [SkipLocalsInit]
    private static void GemmBlock<T>(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB, int i0, int i1, int j0, int j1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = 2 * VectorWidth<T>();
        int kcMax = Math.Min(k, KC);
        int ncLimit = Math.Max(nr, PackedBBytes / (kcMax * sizeof(T)) / nr * nr);
        int ncMax = Math.Min(RoundUp(j1 - j0, nr), ncLimit);

        T[] bBuffer = ArrayPool<T>.Shared.Rent(kcMax * ncMax);
        T[] aBuffer = transposeA ? ArrayPool<T>.Shared.Rent(kcMax * MC) : bBuffer;
        T* tile = stackalloc T[MR * nr];   // scratch for edge tiles

        try
        {
            fixed (T* bp = bBuffer, ap = aBuffer)
            {
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    bool accumulate = pc > 0;
                    for (int jc = j0; jc < j1; jc += ncLimit)
                    {
                        int nc = Math.Min(ncLimit, j1 - jc);
                        PackB(b, bp, k, n, transposeB, pc, kc, jc, nc, nr);
                        for (int ic = i0; ic < i1; ic += MC)
                        {
                            int mc = Math.Min(MC, i1 - ic);

                            // A micro-panel element (r, p) sits at panel[r*rowStride + p*colStride].
                            T* block;
                            nint rowStride, colStride, panelStride;
                            if (transposeA)
                            {
                                PackA(a, ap, m, pc, kc, ic, mc);
                                block = ap;
                                rowStride = 1;
                                colStride = MR;
                                panelStride = (nint)MR * kc;
                            }
                            else
                            {
                                // Row-major A is already k-contiguous per row: broadcast straight from it.
                                block = a + (nint)ic * k + pc;
                                rowStride = k;
                                colStride = 1;
                                panelStride = (nint)MR * k;
                            }

                            for (int ir = 0; ir < mc; ir += MR)
                            {
                                int rows = Math.Min(MR, mc - ir);
                                T* panel = block + (ir / MR) * panelStride;
                                T* cRow = c + (nint)(ic + ir) * n + jc;
                                for (int jr = 0; jr < nc; jr += nr)
                                {
                                    int cols = Math.Min(nr, nc - jr);
                                    T* bPanel = bp + (nint)jr * kc;
                                    if (rows == MR && cols == nr)
                                    {
                                        MicroKernel(kc, panel, rowStride, colStride, rows, bPanel, cRow + jr, n, accumulate);
                                    }
                                    else
                                    {
                                        // Edge tile: compute the full tile into scratch, then copy the valid part.
                                        MicroKernel(kc, panel, rowStride, colStride, rows, bPanel, tile, nr, false);
                                        for (int r = 0; r < rows; r++)
                                        {
                                            T* dst = cRow + (nint)r * n + jr;
                                            T* src = tile + r * nr;
                                            for (int j = 0; j < cols; j++)
                                            {
                                                dst[j] = accumulate ? dst[j] + src[j] : src[j];
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(bBuffer);
            if (transposeA)
            {
                ArrayPool<T>.Shared.Return(aBuffer);
            }
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    /// <summary>
    /// Packs op(B)[pc..pc+kc, jc..jc+nc] into panels of nr columns: panel q holds kc rows of nr contiguous elements,
    /// zero-padded past nc so the micro-kernel never needs a column mask.
    /// </summary>
    private static void PackB<T>(T* b, T* dst, int k, int n, bool transposeB, int pc, int kc, int jc, int nc, int nr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int q = 0; q < nc; q += nr)
        {
            int cols = Math.Min(nr, nc - q);
            T* panel = dst + (nint)q * kc;
            if (!transposeB)
            {
                T* src = b + (nint)pc * n + jc + q;
                uint bytes = (uint)(cols * sizeof(T));
                for (int p = 0; p < kc; p++)
                {
                    Unsafe.CopyBlockUnaligned(panel + (nint)p * nr, src + (nint)p * n, bytes);
                }
            }
            else
            {
                // B stored [n,k]: each output column is a contiguous run of B's row.
                for (int j = 0; j < cols; j++)
                {
                    T* src = b + (nint)(jc + q + j) * k + pc;
                    T* d = panel + j;
                    for (int p = 0; p < kc; p++)
                    {
                        d[(nint)p * nr] = src[p];
                    }
                }
            }

            if (cols < nr)
            {
                for (int p = 0; p < kc; p++)
                {
                    new Span<T>(panel + (nint)p * nr + cols, nr - cols).Clear();
                }
            }
        }
    }

    /// <summary>
    /// Packs op(A)[ic..ic+mc, pc..pc+kc] for A stored [k,m] into MR-row panels laid out [kc][MR], so the
    /// micro-kernel reads MR adjacent elements per k step instead of striding through A's rows.
    /// </summary>
    private static void PackA<T>(T* a, T* dst, int m, int pc, int kc, int ic, int mc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ir = 0; ir < mc; ir += MR)
        {
            int rows = Math.Min(MR, mc - ir);
            T* panel = dst + (nint)(ir / MR) * MR * kc;
            T* src = a + (nint)pc * m + ic + ir;
            if (rows == MR)
            {
                for (int p = 0; p < kc; p++)
                {
                    T* s = src + (nint)p * m;
                    T* d = panel + p * MR;
                    d[0] = s[0];
                    d[1] = s[1];
                    d[2] = s[2];
                    d[3] = s[3];
                    d[4] = s[4];
                    d[5] = s[5];
                }
            }
            else
            {
                // Rows past the edge are left unwritten: the micro-kernel clamps its row offsets and never reads them.
                for (int p = 0; p < kc; p++)
                {
                    T* s = src + (nint)p * m;
                    T* d = panel + p * MR;
                    for (int r = 0; r < rows; r++)
                    {
                        d[r] = s[r];
                    }
                }
            }
        }
    }

    /// <summary>Dispatches to the widest accelerated register tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MicroKernel<T>(int kc, T* a, nint rowStride, nint colStride, int rows, T* b, T* c, nint ldc, bool accumulate)
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
    /// C tile [MR × 2 vectors] (+)= A panel [MR × kc] · B panel [kc × 2 vectors]. Twelve accumulators live in
    /// registers for the whole k loop; each step loads two B vectors and broadcasts MR A elements.
    /// Rows past <paramref name="rows"/> re-read the last valid row (results are discarded by the caller).
    /// </summary>
    private static void Kernel512<T>(int kc, T* a, nint rowStride, nint colStride, int rows, T* b, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        nint o1 = rows > 1 ? rowStride : 0;
        nint o2 = rows > 2 ? 2 * rowStride : o1;
        nint o3 = rows > 3 ? 3 * rowStride : o2;
        nint o4 = rows > 4 ? 4 * rowStride : o3;
        nint o5 = rows > 5 ? 5 * rowStride : o4;

        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
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
            a += colStride;
            b += 2 * w;
        }

        T* c0 = c, c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
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
    }

    /// <summary>Same tile as <see cref="Kernel512{T}"/> on <see cref="Vector{T}"/> (AVX2 / NEON machines).</summary>
    private static void KernelVector<T>(int kc, T* a, nint rowStride, nint colStride, int rows, T* b, T* c, nint ldc, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        nint o1 = rows > 1 ? rowStride : 0;
        nint o2 = rows > 2 ? 2 * rowStride : o1;
        nint o3 = rows > 3 ? 3 * rowStride : o2;
        nint o4 = rows > 4 ? 4 * rowStride : o3;
        nint o5 = rows > 5 ? 5 * rowStride : o4;

        Vector<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector<T> b0 = Vector.Load(b);
            Vector<T> b1 = Vector.Load(b + w);
            Vector<T> x = new(a[0]);
            c00 = MulAdd(x, b0, c00);
            c01 = MulAdd(x, b1, c01);
            x = new(a[o1]);
            c10 = MulAdd(x, b0, c10);
            c11 = MulAdd(x, b1, c11);
            x = new(a[o2]);
            c20 = MulAdd(x, b0, c20);
            c21 = MulAdd(x, b1, c21);
            x = new(a[o3]);
            c30 = MulAdd(x, b0, c30);
            c31 = MulAdd(x, b1, c31);
            x = new(a[o4]);
            c40 = MulAdd(x, b0, c40);
            c41 = MulAdd(x, b1, c41);
            x = new(a[o5]);
            c50 = MulAdd(x, b0, c50);
            c51 = MulAdd(x, b1, c51);
            a += colStride;
            b += 2 * w;
        }

        T* c0 = c, c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
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
            c40 += Vector.Load(c4);
            c41 += Vector.Load(c4 + w);
            c50 += Vector.Load(c5);
            c51 += Vector.Load(c5 + w);
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
    }

    /// <summary>x·y + z in one rounding; the type tests fold away when the JIT specializes T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> MulAdd<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z)
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
    private static Vector<T> MulAdd<T>(Vector<T> x, Vector<T> y, Vector<T> z)
        where T : unmanaged
    {
        if (Fma.IsSupported || AdvSimd.IsSupported)
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

    // ---------------------------------------------------------------- threading

    /// <summary>
    /// Splits [0,count) into one contiguous range per thread (boundaries on multiples of <paramref name="align"/>)
    /// and runs them with Parallel.For capped at <paramref name="threads"/>.
    /// </summary>
    private static void ForRanges(int count, int threads, int align, Action<int, int> body)
    {
        int chunk = RoundUp((count + threads - 1) / threads, align);
        int parts = (count + chunk - 1) / chunk;
        if (parts <= 1)
        {
            body(0, count);
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, parts, options, part =>
        {
            int lo = part * chunk;
            body(lo, Math.Min(count, lo + chunk));
        });
    }
}
