using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NeuroScope.Kernels;

/// <summary>Dense matrix multiply on row-major spans: C = op(A)·op(B).</summary>
/// <remarks>
/// Tiny problems take a plain scalar loop (no buffers, no threads). Rank-1 and matrix-vector shapes (k = 1,
/// n = 1, m = 1) are bandwidth-bound and get dedicated streaming loops. Everything else runs a cache-blocked
/// GEMM: B is packed into zero-padded panels of two vectors' width, A is read in place (or packed when
/// transposed), and an 8-row × 2-vector tile of C is accumulated in registers with FMA over each k-block.
/// Large problems are split over up to <see cref="EngineSettings.MaxThreads"/> threads.
/// </remarks>
internal static unsafe class MatMulKernel
{
    /// <summary>Rows of C held in registers by the micro-kernel.</summary>
    private const int MR = 8;

    /// <summary>Depth of one k-block: an MR-row slice of A (8 KB float) stays in L1 while it sweeps the column panels.</summary>
    private const int KC = 256;

    /// <summary>Rows per A block when A has to be packed (transposed A); a multiple of MR.</summary>
    private const int MC = MR * 16;

    /// <summary>Target bytes of one packed B block (kc × nc), sized to sit in L2.</summary>
    private const int PackedBBytes = 512 * 1024;

    /// <summary>At or below this many multiply-adds the scalar loop beats packing and dispatch.</summary>
    private const long ScalarMaxWork = 256;

    /// <summary>GEMM is skipped for the scalar loop when padded tiles would hold more than this many times the real output.</summary>
    private const int NarrowPadding = 24;

    /// <summary>Largest op(B), in elements, that the row-parallel GEMM packs whole (once per thread).</summary>
    private const int MaxPackedB = 1 << 24;

    /// <summary>
    /// Below this many multiply-adds, thread hand-off costs more than it saves. The matrix-vector paths divide
    /// their work by 4 first: they are bandwidth-bound and a second core buys less.
    /// </summary>
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
                Gemm(pa, pb, pc, m, k, n, transposeA, transposeB, Threads(work));
            }
        }
    }

    /// <summary>Threads worth using for this much work; 1 keeps everything on the calling thread.</summary>
    private static int Threads(long work) => work >= ParallelMinWork ? EngineSettings.MaxThreads : 1;

    /// <summary>The SIMD paths cover float and double on hardware with vector support; anything else is scalar.</summary>
    private static bool SimdSupported<T>()
        => (typeof(T) == typeof(float) || typeof(T) == typeof(double))
           && (Vector512.IsHardwareAccelerated || Vector.IsHardwareAccelerated);

    // ---------------------------------------------------------------- scalar

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

    // ---------------------------------------------------------------- memory-bound shapes

    /// <summary>c[i,j] = x[i]·y[j] (k = 1).</summary>
    private static void Outer<T>(T* x, T* y, T* c, int m, int n, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (threads > 1 && m >= 2 * threads)
        {
            OuterParallel(x, y, c, m, n, threads);
        }
        else
        {
            OuterRows(x, y, c, n, 0, m);
        }
    }

    // Each *Parallel method is separate so the lambda's closure is only allocated when threads are used
    // (a captured parameter makes C# allocate the closure at method entry).
    private static void OuterParallel<T>(T* x, T* y, T* c, int m, int n, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint px = (nint)x, py = (nint)y, pc = (nint)c;
        ForRanges(m, threads, 1, 64, (lo, hi) => OuterRows((T*)px, (T*)py, (T*)pc, n, lo, hi));
    }

    private static void OuterRows<T>(T* x, T* y, T* c, int n, int lo, int hi)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        for (int i = lo; i < hi; i++)
        {
            T xi = x[i];
            var xv = new Vector<T>(xi);
            T* row = c + (nint)i * n;
            int j = 0;
            for (; j <= n - w; j += w)
            {
                (xv * Vector.Load(y + j)).Store(row + j);
            }

            for (; j < n; j++)
            {
                row[j] = xi * y[j];
            }
        }
    }

    // The matrix-vector kernels below are bandwidth-bound, so they use Vector<T> (256-bit on x64, 128-bit on Arm)
    // rather than a second 512-bit copy; what matters is avoiding per-row call overhead and keeping loads streaming.

    /// <summary>y[i] = Σ_p M[i,p]·x[p] for a row-major M [rows, cols]: one dot product per row.</summary>
    private static void MatVec<T>(T* mat, T* x, T* y, int rows, int cols, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (threads > 1 && rows >= 8 * threads)
        {
            MatVecParallel(mat, x, y, rows, cols, threads);
        }
        else
        {
            MatVecRows(mat, x, y, cols, 0, rows);
        }
    }

    private static void MatVecParallel<T>(T* mat, T* x, T* y, int rows, int cols, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint pm = (nint)mat, px = (nint)x, py = (nint)y;
        ForRanges(rows, threads, 4, 64, (lo, hi) => MatVecRows((T*)pm, (T*)px, (T*)py, cols, lo, hi));
    }

    /// <summary>Four rows at a time share each load of x and give four independent FMA chains.</summary>
    private static void MatVecRows<T>(T* mat, T* x, T* y, int cols, int lo, int hi)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector<T>.Count;
        int vecEnd = cols - cols % w;
        int i = lo;
        for (; i <= hi - 4; i += 4)
        {
            T* r0 = mat + (nint)i * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
            Vector<T> s0 = default, s1 = default, s2 = default, s3 = default;
            for (int p = 0; p < vecEnd; p += w)
            {
                Vector<T> xv = Vector.Load(x + p);
                s0 = MulAdd(Vector.Load(r0 + p), xv, s0);
                s1 = MulAdd(Vector.Load(r1 + p), xv, s1);
                s2 = MulAdd(Vector.Load(r2 + p), xv, s2);
                s3 = MulAdd(Vector.Load(r3 + p), xv, s3);
            }

            T t0 = Vector.Sum(s0), t1 = Vector.Sum(s1), t2 = Vector.Sum(s2), t3 = Vector.Sum(s3);
            for (int p = vecEnd; p < cols; p++)
            {
                T xp = x[p];
                t0 += r0[p] * xp;
                t1 += r1[p] * xp;
                t2 += r2[p] * xp;
                t3 += r3[p] * xp;
            }

            y[i] = t0;
            y[i + 1] = t1;
            y[i + 2] = t2;
            y[i + 3] = t3;
        }

        for (; i < hi; i++)
        {
            T* r0 = mat + (nint)i * cols;
            Vector<T> s0 = default;
            for (int p = 0; p < vecEnd; p += w)
            {
                s0 = MulAdd(Vector.Load(r0 + p), Vector.Load(x + p), s0);
            }

            T t0 = Vector.Sum(s0);
            for (int p = vecEnd; p < cols; p++)
            {
                t0 += r0[p] * x[p];
            }

            y[i] = t0;
        }
    }

    /// <summary>y[j] = Σ_p x[p]·M[p,j] for a row-major M [rows, cols] with leading dimension ld.</summary>
    private static void VecMat<T>(T* x, T* mat, T* y, int rows, int cols, int ld, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Column slices are independent, so threads split columns (in whole register blocks).
        int block = 4 * Vector<T>.Count;
        if (threads > 1 && cols >= 2 * block)
        {
            VecMatParallel(x, mat, y, rows, cols, ld, threads, block);
        }
        else
        {
            VecMatCols(x, mat, y, rows, ld, 0, cols);
        }
    }

    private static void VecMatParallel<T>(T* x, T* mat, T* y, int rows, int cols, int ld, int threads, int block)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint px = (nint)x, pm = (nint)mat, py = (nint)y;
        ForRanges(cols, threads, block, block, (lo, hi) => VecMatCols((T*)px, (T*)pm, (T*)py, rows, ld, lo, hi));
    }

    /// <summary>
    /// Holds four vectors of y in registers over a block of rows, so y is loaded and stored once per block
    /// rather than once per row; the row block (RowBlock rows × the column range) stays cache-resident
    /// while the column blocks sweep it.
    /// </summary>
    private static void VecMatCols<T>(T* x, T* mat, T* y, int rows, nint ld, int lo, int hi)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int RowBlock = 128;
        int w = Vector<T>.Count;
        for (int p0 = 0; p0 < rows; p0 += RowBlock)
        {
            int p1 = Math.Min(rows, p0 + RowBlock);
            bool first = p0 == 0;
            int j = lo;
            for (; j <= hi - 4 * w; j += 4 * w)
            {
                Vector<T> s0, s1, s2, s3;
                if (first)
                {
                    s0 = s1 = s2 = s3 = default;
                }
                else
                {
                    s0 = Vector.Load(y + j);
                    s1 = Vector.Load(y + j + w);
                    s2 = Vector.Load(y + j + 2 * w);
                    s3 = Vector.Load(y + j + 3 * w);
                }

                T* src = mat + p0 * ld + j;
                for (int p = p0; p < p1; p++)
                {
                    var xv = new Vector<T>(x[p]);
                    s0 = MulAdd(Vector.Load(src), xv, s0);
                    s1 = MulAdd(Vector.Load(src + w), xv, s1);
                    s2 = MulAdd(Vector.Load(src + 2 * w), xv, s2);
                    s3 = MulAdd(Vector.Load(src + 3 * w), xv, s3);
                    src += ld;
                }

                s0.Store(y + j);
                s1.Store(y + j + w);
                s2.Store(y + j + 2 * w);
                s3.Store(y + j + 3 * w);
            }

            for (; j <= hi - w; j += w)
            {
                Vector<T> s0 = first ? default : Vector.Load(y + j);
                T* src = mat + p0 * ld + j;
                for (int p = p0; p < p1; p++)
                {
                    s0 = MulAdd(Vector.Load(src), new Vector<T>(x[p]), s0);
                    src += ld;
                }

                s0.Store(y + j);
            }

            for (; j < hi; j++)
            {
                T s0 = first ? T.Zero : y[j];
                T* src = mat + p0 * ld + j;
                for (int p = p0; p < p1; p++)
                {
                    s0 += *src * x[p];
                    src += ld;
                }

                y[j] = s0;
            }
        }
    }

    // ---------------------------------------------------------------- blocked GEMM

    /// <summary>Elements per SIMD vector on the path the micro-kernel will take.</summary>
    private static int VectorWidth<T>() where T : unmanaged
        => Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector<T>.Count;

    /// <summary>Blocked GEMM, split over threads along the longer side of C when that is worthwhile.</summary>
    private static void Gemm<T>(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = 2 * VectorWidth<T>();
        if (threads > 1 && m >= n && m >= 2 * MR)
        {
            GemmParallelRows(a, b, c, m, k, n, transposeA, transposeB, threads, nr);
        }
        else if (threads > 1 && n >= 2 * nr)
        {
            GemmParallelColumns(a, b, c, m, k, n, transposeA, transposeB, threads, nr);
        }
        else
        {
            GemmBlock(a, b, c, m, k, n, transposeA, transposeB, 0, m, 0, n, null);
        }
    }

    /// <summary>
    /// Tall C: row ranges run in parallel. Every range needs all of op(B), so each participating thread packs it
    /// once, whole, into its own buffer on its first range and reuses it for the rest (sharing one copy would put
    /// the packing on the critical path and move it between cores' caches).
    /// </summary>
    private static void GemmParallelRows<T>(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB, int threads, int nr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        int paddedN = RoundUp(n, nr);
        if ((long)k * paddedN > MaxPackedB)
        {
            // Too big to hold packed at once: each range packs block by block, as the serial path does.
            ForRanges(m, threads, MR, 4 * MR, (lo, hi) => GemmBlock((T*)pa, (T*)pb, (T*)pc, m, k, n, transposeA, transposeB, lo, hi, 0, n, null));
            return;
        }

        int chunk = Chunk(m, threads, MR, 4 * MR, out int parts);
        if (parts <= 1)
        {
            GemmBlock(a, b, c, m, k, n, transposeA, transposeB, 0, m, 0, n, null);
            return;
        }

        Parallel.For(
            0,
            parts,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            static () => (T[]?)null,
            (part, _, packed) =>
            {
                if (packed is null)
                {
                    packed = ArrayPool<T>.Shared.Rent(k * paddedN);
                    fixed (T* bp = packed)
                    {
                        // Layout GemmBlock expects: k-block at pc·paddedN, column panel j at + j·kc.
                        for (int p0 = 0; p0 < k; p0 += KC)
                        {
                            PackB((T*)pb, bp + (nint)p0 * paddedN, k, n, transposeB, p0, Math.Min(KC, k - p0), 0, n, nr);
                        }
                    }
                }

                int lo = part * chunk;
                fixed (T* bp = packed)
                {
                    GemmBlock((T*)pa, (T*)pb, (T*)pc, m, k, n, transposeA, transposeB, lo, Math.Min(m, lo + chunk), 0, n, bp);
                }

                return packed;
            },
            static packed =>
            {
                if (packed is not null)
                {
                    ArrayPool<T>.Shared.Return(packed);
                }
            });
    }

    /// <summary>Wide C: column ranges run in parallel, each packing only its own columns of B.</summary>
    private static void GemmParallelColumns<T>(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB, int threads, int nr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        ForRanges(n, threads, nr, nr, (lo, hi) => GemmBlock((T*)pa, (T*)pb, (T*)pc, m, k, n, transposeA, transposeB, 0, m, lo, hi, null));
    }

    /// <summary>
    /// Computes the C sub-block rows [i0,i1) × columns [j0,j1) with blocking over k and n. B comes from
    /// <paramref name="packedB"/> when given (all of op(B), laid out as <see cref="GemmParallelRows{T}"/> packs it,
    /// with j0 = 0), else it is packed here one L2-sized block at a time.
    /// </summary>
    [SkipLocalsInit]
    private static void GemmBlock<T>(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB, int i0, int i1, int j0, int j1, T* packedB)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = 2 * VectorWidth<T>();
        int kcMax = Math.Min(k, KC);
        int ncLimit = Math.Max(nr, PackedBBytes / (kcMax * sizeof(T)) / nr * nr);
        int ncMax = Math.Min(RoundUp(j1 - j0, nr), ncLimit);
        int paddedN = RoundUp(n, nr);

        T[]? bBuffer = packedB == null ? ArrayPool<T>.Shared.Rent(kcMax * ncMax) : null;
        T[]? aBuffer = transposeA ? ArrayPool<T>.Shared.Rent(kcMax * MC) : null;
        T* tile = stackalloc T[MR * nr];   // scratch for edge tiles

        try
        {
            fixed (T* bLocal = bBuffer, ap = aBuffer)
            {
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    bool accumulate = pc > 0;
                    for (int jc = j0; jc < j1; jc += ncLimit)
                    {
                        int nc = Math.Min(ncLimit, j1 - jc);

                        // Column panel jr of this block sits at bp + jr·kc.
                        T* bp;
                        if (packedB == null)
                        {
                            PackB(b, bLocal, k, n, transposeB, pc, kc, jc, nc, nr);
                            bp = bLocal;
                        }
                        else
                        {
                            bp = packedB + (nint)pc * paddedN + (nint)jc * kc;
                        }

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
                                        StoreEdge(tile, nr, cRow + jr, n, rows, cols, accumulate);
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
            if (bBuffer is not null)
            {
                ArrayPool<T>.Shared.Return(bBuffer);
            }

            if (aBuffer is not null)
            {
                ArrayPool<T>.Shared.Return(aBuffer);
            }
        }
    }

    /// <summary>Copies (or adds) the valid rows × cols corner of an edge tile into C.</summary>
    private static void StoreEdge<T>(T* tile, int ldt, T* c, int ldc, int rows, int cols, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            T* src = tile + r * ldt;
            T* dst = c + (nint)r * ldc;
            if (accumulate)
            {
                for (int j = 0; j < cols; j++)
                {
                    dst[j] += src[j];
                }
            }
            else
            {
                new ReadOnlySpan<T>(src, cols).CopyTo(new Span<T>(dst, cols));
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
            if (cols < nr)
            {
                new Span<T>(panel, kc * nr).Clear();
            }

            if (transposeB)
            {
                PackBTransposed(b + (nint)(jc + q) * k + pc, k, panel, kc, nr, cols);
            }
            else if (cols == nr)
            {
                PackBFull(b + (nint)pc * n + jc + q, n, panel, kc, nr);
            }
            else
            {
                PackBPartial(b + (nint)pc * n + jc + q, n, panel, kc, nr, cols);
            }
        }
    }

    // The packing loops live in separate small methods so each gets its pointers in registers.

    /// <summary>Full-width panel of row-major B: one two-vector copy per k row.</summary>
    private static void PackBFull<T>(T* src, nint ld, T* panel, int kc, int nr)
        where T : unmanaged
    {
        for (int p = 0; p < kc; p++)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512.Load(src).Store(panel);
                Vector512.Load(src + Vector512<T>.Count).Store(panel + Vector512<T>.Count);
            }
            else
            {
                Vector.Load(src).Store(panel);
                Vector.Load(src + Vector<T>.Count).Store(panel + Vector<T>.Count);
            }

            panel += nr;
            src += ld;
        }
    }

    /// <summary>Edge panel of row-major B (fewer than nr columns left).</summary>
    private static void PackBPartial<T>(T* src, nint ld, T* panel, int kc, int nr, int cols)
        where T : unmanaged
    {
        for (int p = 0; p < kc; p++)
        {
            for (int j = 0; j < cols; j++)
            {
                panel[j] = src[j];
            }

            panel += nr;
            src += ld;
        }
    }

    /// <summary>
    /// Panel of B stored [n,k]: output column j is a contiguous run of B's row j. Four columns at a time keeps
    /// four sequential read streams and writes four adjacent elements per panel row.
    /// </summary>
    private static void PackBTransposed<T>(T* src, nint ld, T* panel, int kc, int nr, int cols)
        where T : unmanaged
    {
        int j = 0;
        for (; j + 4 <= cols; j += 4)
        {
            T* s0 = src + j * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
            T* d = panel + j;
            for (nint p = 0; p < kc; p++)
            {
                d[0] = s0[p];
                d[1] = s1[p];
                d[2] = s2[p];
                d[3] = s3[p];
                d += nr;
            }
        }

        for (; j < cols; j++)
        {
            T* s0 = src + j * ld;
            T* d = panel + j;
            for (nint p = 0; p < kc; p++)
            {
                *d = s0[p];
                d += nr;
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
                PackAFull(src, m, panel, kc);
            }
            else
            {
                PackAPartial(src, m, panel, kc, rows);
            }
        }
    }

    /// <summary>Full panel: each k step is MR adjacent elements of A's row, a constant-size (vector) copy.</summary>
    private static void PackAFull<T>(T* src, nint ld, T* panel, int kc)
        where T : unmanaged
    {
        for (int p = 0; p < kc; p++)
        {
            Unsafe.CopyBlockUnaligned(panel, src, (uint)(MR * sizeof(T)));
            panel += MR;
            src += ld;
        }
    }

    /// <summary>Edge panel: rows past the edge stay unwritten; the micro-kernel clamps its row offsets and never reads them.</summary>
    private static void PackAPartial<T>(T* src, nint ld, T* panel, int kc, int rows)
        where T : unmanaged
    {
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < rows; r++)
            {
                panel[r] = src[r];
            }

            panel += MR;
            src += ld;
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

    // ---------------------------------------------------------------- threading

    /// <summary>
    /// Splits [0,count) into a few contiguous ranges per thread (boundaries on multiples of <paramref name="align"/>,
    /// none shorter than about <paramref name="minChunk"/>) and runs them with Parallel.For capped at
    /// <paramref name="threads"/>.
    /// </summary>
    private static void ForRanges(int count, int threads, int align, int minChunk, Action<int, int> body)
    {
        int chunk = Chunk(count, threads, align, minChunk, out int parts);
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

    /// <summary>
    /// Range length for splitting [0,count): a few ranges per thread, so the caller can pick up a share that a
    /// descheduled worker has not started (a busy machine then costs little more than running serially).
    /// </summary>
    private static int Chunk(int count, int threads, int align, int minChunk, out int parts)
    {
        const int RangesPerThread = 4;
        parts = (int)Math.Clamp((long)threads * RangesPerThread, 1, Math.Max(1, count / minChunk));
        int chunk = RoundUp((count + parts - 1) / parts, align);
        parts = (count + chunk - 1) / chunk;
        return chunk;
    }
}
