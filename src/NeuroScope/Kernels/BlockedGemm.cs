using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static NeuroScope.Kernels.GemmMicroKernels;
using static NeuroScope.Kernels.GemmPacking;

namespace NeuroScope.Kernels;

/// <summary>
/// Cache-blocked GEMM: C is computed in blocks of rows × columns, looping over k-blocks of depth <see cref="KC"/>;
/// B is packed into zero-padded panels one L2-sized block at a time (<see cref="GemmPacking"/>), A is read in place
/// (or packed when transposed), and each MR-row × 2-vector tile of C is accumulated in registers
/// (<see cref="GemmMicroKernels"/>). Large problems split C's rows or columns over threads.
/// </summary>
internal static unsafe class BlockedGemm
{
    /// <summary>Rows of C held in registers by the micro-kernel.</summary>
    internal const int MR = 8;

    /// <summary>Depth of one k-block: an MR-row slice of A (8 KB float) stays in L1 while it sweeps the column panels.</summary>
    private const int KC = 256;

    /// <summary>Rows per A block when A has to be packed (transposed A); a multiple of MR.</summary>
    private const int MC = MR * 16;

    /// <summary>Target bytes of one packed B block (kc × nc), sized to sit in L2.</summary>
    private const int PackedBBytes = 512 * 1024;

    /// <summary>Largest op(B), in elements, that the row-parallel GEMM packs whole (once per thread).</summary>
    private const int MaxPackedB = 1 << 24;

    /// <summary>Elements per SIMD vector on the path the micro-kernel will take.</summary>
    internal static int VectorWidth<T>() where T : unmanaged
        => Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector<T>.Count;

    /// <summary>Blocked GEMM, split over threads along the longer side of C when that is worthwhile.</summary>
    internal static void Multiply<T>(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = 2 * VectorWidth<T>();
        if (threads > 1 && m >= n && m >= 2 * MR)
        {
            GemmParallelRows(a, b, c, m, k, n, transposeA, transposeB, threads);
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
    /// Tall C: row ranges run in parallel, all reading one copy of op(B), packed whole first with the packing itself
    /// split over the threads (each thread packing all of it would repeat the work: 4 MB per thread for the weight
    /// gradient's Aᵀ·B with k = 4,096). When packed B is larger than L2, each thread takes one long range of rows, so
    /// that each k-block of B is read from memory once per thread rather than once per short range.
    /// </summary>
    private static void GemmParallelRows<T>(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        int packedLength = PackedLength<T>(k, n);
        if (packedLength == 0)
        {
            // Too big to hold packed at once: each range packs block by block, as the serial path does.
            Chunks.ForRanges(m, threads, MR, 4 * MR, (lo, hi) => GemmBlock((T*)pa, (T*)pb, (T*)pc, m, k, n, transposeA, transposeB, lo, hi, 0, n, null));
            return;
        }

        int minRows = (long)packedLength * sizeof(T) > PackedBBytes ? Math.Max(MR, m / threads / MR * MR) : 4 * MR;
        Chunks.Chunk(m, threads, MR, minRows, out int parts);
        if (parts <= 1)
        {
            GemmBlock(a, b, c, m, k, n, transposeA, transposeB, 0, m, 0, n, null);
            return;
        }

        var packed = ArrayPool<T>.Shared.Rent(packedLength);
        try
        {
            fixed (T* bp = packed)
            {
                nint pp = (nint)bp;
                PackWhole(b, bp, k, n, transposeB, threads);
                Chunks.ForRanges(m, threads, MR, minRows, (lo, hi) => GemmBlock((T*)pa, null, (T*)pc, m, k, n, transposeA, false, lo, hi, 0, n, (T*)pp));
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packed);
        }
    }

    /// <summary>Elements of all of op(B) packed whole (<see cref="PackWhole{T}"/>), or 0 when that is too big to keep packed.</summary>
    internal static int PackedLength<T>(int k, int n) where T : unmanaged
    {
        long length = (long)k * RoundUp(n, 2 * VectorWidth<T>());
        return length > MaxPackedB ? 0 : (int)length;
    }

    /// <summary>
    /// Packs all of op(B) into <paramref name="packed"/> (<see cref="PackedLength{T}"/> elements), laid out as
    /// <see cref="Rows{T}"/> reads it; with more than one thread, the panels of every k-block are shared out.
    /// </summary>
    internal static void PackWhole<T>(T* b, T* packed, int k, int n, bool transposeB, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nr = 2 * VectorWidth<T>();
        int paddedN = RoundUp(n, nr);
        if (threads <= 1)
        {
            // Layout GemmBlock expects: k-block at pc·paddedN, column panel j at + j·kc.
            for (int p0 = 0; p0 < k; p0 += KC)
            {
                PackB(b, packed + (nint)p0 * paddedN, k, n, transposeB, p0, Math.Min(KC, k - p0), 0, n, nr);
            }

            return;
        }

        PackWholeParallel(b, packed, k, n, transposeB, threads, nr, paddedN);
    }

    // Its own method so the lambda's closure is only allocated when threads are used.
    private static void PackWholeParallel<T>(T* b, T* packed, int k, int n, bool transposeB, int threads, int nr, int paddedN)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint pb = (nint)b, pp = (nint)packed;
        int panels = paddedN / nr, kBlocks = (k + KC - 1) / KC;
        Chunks.ForRanges(kBlocks * panels, threads, 1, 1, (lo, hi) =>
        {
            for (int unit = lo; unit < hi; unit++)
            {
                int p0 = unit / panels * KC, kc = Math.Min(KC, k - p0), j0 = unit % panels * nr;
                PackB((T*)pb, (T*)pp + (nint)p0 * paddedN + (nint)j0 * kc, k, n, transposeB, p0, kc, j0, Math.Min(nr, n - j0), nr);
            }
        });
    }

    /// <summary>
    /// Rows [i0, i1) of C, on the calling thread, from op(B) packed whole by <see cref="PackWhole{T}"/>. With i0 a
    /// multiple of <see cref="MR"/> each register tile is the one a whole-matrix call computes, so the bits are the same.
    /// </summary>
    internal static void Rows<T>(T* a, T* packedB, T* c, int m, int k, int n, bool transposeA, int i0, int i1)
        where T : unmanaged, IFloatingPointIeee754<T>
        => GemmBlock(a, null, c, m, k, n, transposeA, false, i0, i1, 0, n, packedB);

    /// <summary>Wide C: column ranges run in parallel, each packing only its own columns of B.</summary>
    private static void GemmParallelColumns<T>(T* a, T* b, T* c, int m, int k, int n, bool transposeA, bool transposeB, int threads, int nr)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        Chunks.ForRanges(n, threads, nr, nr, (lo, hi) => GemmBlock((T*)pa, (T*)pb, (T*)pc, m, k, n, transposeA, transposeB, 0, m, lo, hi, null));
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

    /// <summary>The smallest multiple of <paramref name="multiple"/> at or above <paramref name="value"/>.</summary>
    internal static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
