using System.Numerics;
using static NeuroScope.Kernels.BlockedGemm;

namespace NeuroScope.Kernels;

/// <summary>
/// A matrix multiply C = op(A)·op(B) over fixed arrays, computed a block of C's rows at a time, so that what follows
/// it (a bias, an activation, a derivative) can run on each block while the block is still in cache. op(B) is packed
/// once per product (<see cref="Prepare"/>) into a buffer of its own, then every block reads it. Each block computes
/// the same register tiles as a whole-matrix <see cref="MatMulKernel.Multiply{T}"/>, so the bits are the same.
/// </summary>
internal sealed unsafe class MatMulRows<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _a, _b, _c;
    private readonly T[]? _packed;
    private readonly int _m, _k, _n;
    private readonly bool _transposeA, _transposeB;

    /// <summary>Binds the product to its arrays; the shape must pass <see cref="MatMulKernel.HasRowBlocks{T}"/>.</summary>
    public MatMulRows(T[] a, T[] b, T[] c, int m, int k, int n, bool transposeA, bool transposeB)
    {
        if (!MatMulKernel.HasRowBlocks<T>(m, k, n, transposeA))
            throw new ArgumentException($"A {m}×{k}×{n} product has no row-block path.");
        _a = a;
        _b = b;
        _c = c;
        _m = m;
        _k = k;
        _n = n;
        _transposeA = transposeA;
        _transposeB = transposeB;
        if (k > 1)
            _packed = new T[PackedLength<T>(k, n)];
    }

    /// <summary>Multiply-adds of the whole product.</summary>
    public long Work => (long)_m * _k * _n;

    /// <summary>Rows of C.</summary>
    public int RowCount => _m;

    /// <summary>Rows a block should be a multiple of, so that its tiles are a whole-matrix call's.</summary>
    public static int RowAlignment => MR;

    /// <summary>Packs op(B) for this product's blocks (over <paramref name="threads"/> threads): once per product, before any <see cref="Rows"/>.</summary>
    public void Prepare(int threads)
    {
        if (_packed is null)
            return;
        fixed (T* b = _b, packed = _packed)
            PackWhole(b, packed, _k, _n, _transposeB, threads);
    }

    /// <summary>Computes rows [lo, hi) of C on the calling thread.</summary>
    public void Rows(int lo, int hi)
    {
        fixed (T* a = _a, b = _b, c = _c, packed = _packed)
        {
            if (_packed is null)
            {
                // k = 1: row i of C is a[i]·b (both operands are vectors whatever the transpose flags).
                MatMulVectorShapes.Outer(a + lo, b, c + (nint)lo * _n, hi - lo, _n, 1);
            }
            else
            {
                BlockedGemm.Rows(a, packed, c, _m, _k, _n, _transposeA, lo, hi);
            }
        }
    }
}
