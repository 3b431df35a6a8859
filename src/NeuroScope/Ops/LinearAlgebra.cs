using NeuroScope.Kernels;

using NeuroScope.Compile;

namespace NeuroScope;

public sealed partial class Tensor<T>
{
    /// <summary>
    /// Matrix product op(A)·op(B) of two matrices, where op transposes an operand when asked — without copying it.
    /// Gradients: for C = A·B, dA = G·Bᵀ and dB = Aᵀ·G, themselves products with transposed operands.
    /// </summary>
    public Tensor<T> MatMul(Tensor<T> other, bool transposeThis = false, bool transposeOther = false)
    {
        if (Rank != 2 || other.Rank != 2)
            throw new ArgumentException($"MatMul: needs two matrices, got shapes {ShapeUtil.Format(Dims)} and {ShapeUtil.Format(other.Dims)}.");
        int m = transposeThis ? Dims[1] : Dims[0], k = transposeThis ? Dims[0] : Dims[1];
        int k2 = transposeOther ? other.Dims[1] : other.Dims[0], n = transposeOther ? other.Dims[0] : other.Dims[1];
        if (k != k2)
            throw new ArgumentException($"MatMul: shapes {ShapeUtil.Format(Dims)}{(transposeThis ? "ᵀ" : "")} and {ShapeUtil.Format(other.Dims)}{(transposeOther ? "ᵀ" : "")} do not align ({k} vs {k2}).");
        var y = Empty([m, n]);
        MatMulKernel.Multiply<T>(Data, other.Data, y.Data, m, k, n, transposeThis, transposeOther);
        Trace(OpCode.MatMul, y, this, other, transposeThis ? 1 : 0, transposeOther ? 1 : 0);
        return Record(y, this, other, static (g, y, i) =>
        {
            var (ta, tb) = ((bool, bool))y.State!;
            Tensor<T> a = y.Inputs![0], b = y.Inputs[1];
            if (i == 0)
                return ta ? b.MatMul(g, tb, true) : g.MatMul(b, false, !tb);
            return tb ? g.MatMul(a, true, ta) : a.MatMul(g, !ta, false);
        }, TransposeFlags[(transposeThis ? 2 : 0) + (transposeOther ? 1 : 0)]);
    }

    // The four flag pairs, boxed once: MatMul passes one to Record on every call, recorded or not.
    private static readonly object[] TransposeFlags = [(false, false), (false, true), (true, false), (true, true)];
}
