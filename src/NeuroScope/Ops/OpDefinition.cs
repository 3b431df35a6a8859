using System.Numerics;
using NeuroScope.Kernels;

using NeuroScope.Compile;

namespace NeuroScope;

/// <summary>The span kernel of an element-wise op: reads x, writes y of the same length.</summary>
internal delegate void SpanKernel<T>(ReadOnlySpan<T> x, Span<T> y);

public sealed partial class Tensor<T>
{
    // How an op is defined. An op computes its output eagerly with a kernel, then, if any input requires
    // grad and recording is on, attaches to the output its inputs and one of two rules:
    //   Local(x, y): for an element-wise op, dy/dx given the input x and output y; the engine forms g·dy/dx.
    //   Rule(g, y, i): for any op, the gradient for input i given g = dL/dy, the output y (y.Inputs holds the
    //                  inputs; y.Scalar and y.State hold the op's other operands).
    // Rules use tensor operations only, so with createGraph the backward pass is recorded and can itself be
    // differentiated: that is how Hessian-vector products and d/dx of a network come out exact.

    internal static Tensor<T> Unary(Tensor<T> x, OpCode op, SpanKernel<T> kernel, LocalDerivative<T> derivative)
    {
        var y = new Tensor<T>(Storage.Allocate<T>(x.Data.Length), x.Dims);
        if (x.Data.Length < Chunks.MinimumLength)
            kernel(x.Data, y.Data);
        else
            Chunks.For(x.Data.Length, (start, count) => kernel(x.Data.AsSpan(start, count), y.Data.AsSpan(start, count)));
        Trace(op, y, x, kernel: kernel);
        if (x._requiresGrad && Autograd.IsGradEnabled)
        {
            y.Inputs = [x];
            y.Local = derivative;
            y._requiresGrad = true;
        }
        return y;
    }

    internal static Tensor<T> Binary<TOp>(Tensor<T> a, Tensor<T> b, GradientRule<T>? rule, OpCode op) where TOp : IBinaryOperator<T>
    {
        int[] dims = SameShape(a, b) ? a.Dims : ShapeUtil.Broadcast(a.Dims, b.Dims, OpNames.Of(op));
        var y = new Tensor<T>(Storage.Allocate<T>(ShapeUtil.Product(dims)), dims);
        Layout.Binary<TOp, T>(a.Data, a.Dims, b.Data, b.Dims, y.Data, dims);
        Trace(op, y, a, b);
        return rule is null ? y : Record(y, a, b, rule);
    }

    internal static Tensor<T> Record(Tensor<T> y, Tensor<T> x, GradientRule<T> rule, object? state = null)
    {
        if (x._requiresGrad && Autograd.IsGradEnabled)
        {
            y.Inputs = [x];
            y.Rule = rule;
            y.State = state;
            y._requiresGrad = true;
        }
        return y;
    }

    internal static Tensor<T> Record(Tensor<T> y, Tensor<T> a, Tensor<T> b, GradientRule<T> rule, object? state = null)
    {
        if ((a._requiresGrad || b._requiresGrad) && Autograd.IsGradEnabled)
        {
            y.Inputs = [a, b];
            y.Rule = rule;
            y.State = state;
            y._requiresGrad = true;
        }
        return y;
    }

    internal static Tensor<T> Record(Tensor<T> y, Tensor<T>[] inputs, GradientRule<T> rule, object? state = null)
    {
        if (!Autograd.IsGradEnabled)
            return y;
        foreach (var input in inputs)
        {
            if (input._requiresGrad)
            {
                y.Inputs = inputs;
                y.Rule = rule;
                y.State = state;
                y._requiresGrad = true;
                break;
            }
        }
        return y;
    }

    internal Tensor<T> NewLike() => new(Storage.Allocate<T>(Data.Length), Dims);

    internal static Tensor<T> Empty(int[] dims) => new(Storage.Allocate<T>(ShapeUtil.Product(dims)), dims);
}
