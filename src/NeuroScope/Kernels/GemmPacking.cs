using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static NeuroScope.Kernels.BlockedGemm;

namespace NeuroScope.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the panel layouts the micro-kernels read: B in panels of nr columns,
/// zero-padded, and transposed A in MR-row panels. Each packing loop is its own small method so it gets its pointers
/// in registers.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(B)[pc..pc+kc, jc..jc+nc] into panels of nr columns: panel q holds kc rows of nr contiguous elements,
    /// zero-padded past nc so the micro-kernel never needs a column mask.
    /// </summary>
    internal static void PackB<T>(T* b, T* dst, int k, int n, bool transposeB, int pc, int kc, int jc, int nc, int nr)
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
    internal static void PackA<T>(T* a, T* dst, int m, int pc, int kc, int ic, int mc)
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
}
