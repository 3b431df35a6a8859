using System.Numerics;

namespace NeuroScope.Compile;

/// <summary>How many tracers are recording in the process; ops look further only when it is not zero.</summary>
internal static class Tracing
{
    public static int ActiveCount;
}

/// <summary>Where a traced value comes from.</summary>
internal enum ValueKind
{
    /// <summary>An argument of the traced function: copied in on every call.</summary>
    Input,
    /// <summary>A tensor the function captured (a parameter, a constant): read in place, live, on every call.</summary>
    External,
    /// <summary>The result of a recorded op.</summary>
    Computed,
}

/// <summary>A value of the traced program: its shape, where it comes from and, for inputs and externals, the tensor.</summary>
internal sealed class TraceValue<T>(ValueKind kind, int[] dims, Tensor<T>? tensor, int producer, T[]? traced = null) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>For a computed value, the array the traced run wrote it to; the plan may take it over as a buffer.</summary>
    public T[]? Traced { get; } = traced;

    public ValueKind Kind { get; } = kind;
    public int[] Dims { get; } = dims;
    public int Length { get; } = ShapeUtil.Product(dims);
    public Tensor<T>? Tensor { get; } = tensor;
    public int Producer { get; } = producer;
}

/// <summary>One recorded op: its code, the values it reads and writes, and its static operands (scalars, axes, indices, the span kernel, and for a loop its body).</summary>
internal sealed record TraceNode<T>(OpCode Op, int[] Inputs, int Output, T Scalar, T Scalar2, int[] Ints, SpanKernel<T>? Kernel, object? Body = null)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Records, on one thread, every op the engine runs while a function is traced: the typed program a compiled
/// function replays. The gradient rules are ordinary ops, so a backward pass run inside the function is recorded
/// like the forward one, and derivatives of any order come from the same rules.
/// </summary>
internal sealed class Tracer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    [ThreadStatic] internal static Tracer<T>? Current;

    private readonly Dictionary<Tensor<T>, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<T[]> _computedStorage = new(ReferenceEqualityComparer.Instance);

    public List<TraceValue<T>> Values { get; } = [];
    public List<TraceNode<T>> Nodes { get; } = [];

    /// <summary>Registers an argument of the traced function.</summary>
    public int AddInput(Tensor<T> tensor)
    {
        if (_ids.TryGetValue(tensor, out int existing))
            return existing;
        return Register(tensor, new TraceValue<T>(ValueKind.Input, (int[])tensor.Dims.Clone(), tensor, -1));
    }

    /// <summary>The value id of <paramref name="tensor"/>, registering a tensor the function captured as an external.</summary>
    public int ValueOf(Tensor<T> tensor)
    {
        if (_ids.TryGetValue(tensor, out int id))
            return id;
        if (_computedStorage.Contains(tensor.Data))
            throw new NotSupportedException(
                $"A tensor of shape {ShapeUtil.Format(tensor.Dims)} shares storage with a traced value but was not made by a traced operation, so a compiled step cannot replay it; make it with tensor operations (Reshape, Detach, Clone).");
        return Register(tensor, new TraceValue<T>(ValueKind.External, (int[])tensor.Dims.Clone(), tensor, -1));
    }

    /// <summary>Whether <paramref name="tensor"/> is an input or a computed value of this trace.</summary>
    public bool IsTraced(Tensor<T> tensor) => _ids.TryGetValue(tensor, out int id) && Values[id].Kind != ValueKind.External;

    public void Add(OpCode op, Tensor<T> y, Tensor<T>[] inputs, T scalar, T scalar2, int[] ints, SpanKernel<T>? kernel, object? body = null)
    {
        var ids = new int[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
            ids[i] = ValueOf(inputs[i]);
        int output = Register(y, new TraceValue<T>(ValueKind.Computed, (int[])y.Dims.Clone(), null, Nodes.Count, y.Data));
        _computedStorage.Add(y.Data);
        Nodes.Add(new TraceNode<T>(op, ids, output, scalar, scalar2, ints, kernel, body));
    }

    public void RefuseRead(string reader, Tensor<T> tensor)
    {
        if (IsTraced(tensor))
            throw new NotSupportedException(
                $"{reader} reads the value of a traced tensor (shape {ShapeUtil.Format(tensor.Dims)}); a compiled step records operations, not values, so its replays would reuse the value seen while tracing. Keep the computation in tensor operations, and write data-dependent choices with Tensor.Where.");
    }

    /// <summary>Throws when a backward pass that accumulates into Grad runs inside a trace.</summary>
    public static void RefuseBackward()
    {
        if (Tracing.ActiveCount != 0 && Current is not null)
            throw new NotSupportedException(
                "Backward() accumulates into each leaf's Grad, which a compiled step does not replay; inside a compiled function take gradients with Autograd.Grad(outputs, inputs) and return them.");
    }

    private int Register(Tensor<T> tensor, TraceValue<T> value)
    {
        int id = Values.Count;
        Values.Add(value);
        _ids[tensor] = id;
        return id;
    }
}
