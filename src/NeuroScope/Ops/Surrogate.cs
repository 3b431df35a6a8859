using NeuroScope.Compile;

namespace NeuroScope;

public sealed partial class Tensor<T>
{
    // Spiking networks need a Heaviside step whose true derivative (zero almost everywhere) would stop every
    // gradient. A surrogate keeps the step in the forward pass and uses a smooth bump in the backward pass
    // (Neftci, Mostafa and Zenke 2019; the shapes and defaults are snnTorch's). The slope sits in y.Scalar so
    // the local derivative stays a static lambda, and it is written in tensor ops, so it differentiates again.

    /// <summary>Heaviside step H(x) = 1 where x ≥ 0, else 0, with the fast-sigmoid surrogate d/dx = 1/(slope·|x| + 1)² (snnTorch default slope 25).</summary>
    public Tensor<T> HeavisideFastSigmoid(T slope)
    {
        CheckSurrogateScale(slope, nameof(slope), nameof(HeavisideFastSigmoid));
        var y = Unary(this, OpCode.Step, StepKernel, static (x, y) => (x.Abs() * y.Scalar + T.One).Square().DivideInto(T.One));
        y.Scalar = slope;
        return y;
    }

    /// <summary>Heaviside step H(x) = 1 where x ≥ 0, else 0, with the arctangent surrogate d/dx = (α/2)/(1 + (π·α·x/2)²) (snnTorch default α 2).</summary>
    public Tensor<T> HeavisideAtan(T alpha)
    {
        CheckSurrogateScale(alpha, nameof(alpha), nameof(HeavisideAtan));
        var y = Unary(this, OpCode.Step, StepKernel, static (x, y) =>
            (x * (T.Pi / T.CreateTruncating(2) * y.Scalar)).Square().Add(T.One).DivideInto(y.Scalar / T.CreateTruncating(2)));
        y.Scalar = alpha;
        return y;
    }

    private static void StepKernel(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++)
            y[i] = T.IsNaN(x[i]) ? x[i] : x[i] >= T.Zero ? T.One : T.Zero;
    }

    private static void CheckSurrogateScale(T scale, string name, string op)
    {
        if (!(scale > T.Zero) || T.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(name, $"{op}: {name} must be a finite number greater than 0, but was {scale}.");
    }
}
