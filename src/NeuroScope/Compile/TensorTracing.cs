using System.Runtime.CompilerServices;
using NeuroScope.Compile;

namespace NeuroScope;

public sealed partial class Tensor<T>
{
    // Every op reports the tensor it made to the tracer of its thread, if one is recording. When none is, this is
    // one read of a process-wide counter: the dynamic engine pays nothing else for compilation.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Trace(OpCode op, Tensor<T> y, Tensor<T> x, T scalar = default, T scalar2 = default,
        int i0 = 0, int i1 = 0, int[]? indices = null, SpanKernel<T>? kernel = null)
    {
        if (Tracing.ActiveCount != 0)
            Tracer<T>.Current?.Add(op, y, [x], scalar, scalar2, indices ?? [i0, i1], kernel);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Trace(OpCode op, Tensor<T> y, Tensor<T> a, Tensor<T> b, int i0 = 0, int i1 = 0)
    {
        if (Tracing.ActiveCount != 0)
            Tracer<T>.Current?.Add(op, y, [a, b], default, default, [i0, i1], null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Trace(OpCode op, Tensor<T> y, Tensor<T> condition, Tensor<T> a, Tensor<T> b)
    {
        if (Tracing.ActiveCount != 0)
            Tracer<T>.Current?.Add(op, y, [condition, a, b], default, default, [], null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Trace(OpCode op, Tensor<T> y, Tensor<T>[] inputs, int i0)
    {
        if (Tracing.ActiveCount != 0)
            Tracer<T>.Current?.Add(op, y, (Tensor<T>[])inputs.Clone(), default, default, [i0], null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void TraceLoop(Tensor<T> y, Tensor<T>[] inputs, object body)
    {
        if (Tracing.ActiveCount != 0)
            Tracer<T>.Current?.Add(OpCode.Scan, y, (Tensor<T>[])inputs.Clone(), default, default, [], null, body);
    }

    // Reading a traced value would bake the trace's numbers into the compiled step: refuse, naming the reader.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RefuseWhileTracing(string reader)
    {
        if (Tracing.ActiveCount != 0)
            Tracer<T>.Current?.RefuseRead(reader, this);
    }
}
