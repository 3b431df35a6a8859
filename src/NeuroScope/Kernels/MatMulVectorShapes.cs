using System.Numerics;
using static NeuroScope.Kernels.VectorMath;

namespace NeuroScope.Kernels;

/// <summary>
/// The bandwidth-bound shapes of a matrix multiply: the outer product (k = 1), matrix · vector and vector · matrix.
/// They use <see cref="Vector{T}"/> (256-bit on x64, 128-bit on Arm) rather than a second 512-bit copy; what matters
/// is avoiding per-row call overhead and keeping loads streaming.
/// </summary>
internal static unsafe class MatMulVectorShapes
{
    /// <summary>c[i,j] = x[i]·y[j] (k = 1).</summary>
    internal static void Outer<T>(T* x, T* y, T* c, int m, int n, int threads)
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
        Chunks.ForRanges(m, threads, 1, 64, (lo, hi) => OuterRows((T*)px, (T*)py, (T*)pc, n, lo, hi));
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

    /// <summary>y[i] = Σ_p M[i,p]·x[p] for a row-major M [rows, cols]: one dot product per row.</summary>
    internal static void MatVec<T>(T* mat, T* x, T* y, int rows, int cols, int threads)
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
        Chunks.ForRanges(rows, threads, 4, 64, (lo, hi) => MatVecRows((T*)pm, (T*)px, (T*)py, cols, lo, hi));
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
    internal static void VecMat<T>(T* x, T* mat, T* y, int rows, int cols, int ld, int threads)
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
        Chunks.ForRanges(cols, threads, block, block, (lo, hi) => VecMatCols((T*)px, (T*)pm, (T*)py, rows, ld, lo, hi));
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
}
