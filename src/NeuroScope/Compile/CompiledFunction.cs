using System.Numerics;

namespace NeuroScope.Compile;

/// <summary>
/// A function of tensors compiled by <see cref="Compiler.Compile{T}"/>: traced once per set of input shapes, then
/// replayed. Not safe to run from two threads at once: a replay writes the plan's own buffers.
/// </summary>
public sealed class CompiledFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<Tensor<T>[], Tensor<T>[]> _function;
    private readonly CompileOptions _options;
    private readonly List<Plan<T>> _plans = [];
    private Plan<T>? _last;

    internal CompiledFunction(Func<Tensor<T>[], Tensor<T>[]> function, CompileOptions options)
    {
        _function = function;
        _options = options;
    }

    /// <summary>How many times the function has been traced (once per distinct set of input shapes).</summary>
    public int TraceCount => _plans.Count;

    /// <summary>What the most recent plan is made of, or null before the first run.</summary>
    public PlanStatistics? Statistics => _last?.Statistics;

    /// <summary>The steps of the most recent plan, one per line (fused loops with the ops they hold), or null before the first run.</summary>
    public string? Listing => _last?.Listing;

    /// <summary>
    /// Computes the function's outputs for <paramref name="inputs"/>. The returned tensors belong to the plan and are
    /// overwritten by the next run: copy what must be kept. The first run for a set of shapes traces the function.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ from the traced ones and retracing is off, or the input count changed.</exception>
    public IReadOnlyList<Tensor<T>> Run(params ReadOnlySpan<Tensor<T>> inputs)
    {
        var plan = PlanFor(inputs);
        plan.Run(inputs);
        return plan.Outputs;
    }

    /// <summary>Runs only the ops that read no input, for inputs of these shapes; <see cref="RunPrepared"/> then runs the rest as often as needed.</summary>
    internal IReadOnlyList<Tensor<T>> Prepare(ReadOnlySpan<Tensor<T>> inputs)
    {
        var plan = PlanFor(inputs);
        plan.RunInputFree();
        return plan.Outputs;
    }

    /// <summary>Runs the ops that read the inputs, on the input-free values of the last <see cref="Prepare"/>.</summary>
    internal IReadOnlyList<Tensor<T>> RunPrepared(ReadOnlySpan<Tensor<T>> inputs)
    {
        if (_last is null || !_last.Matches(inputs))
            throw new InvalidOperationException("RunPrepared needs a Prepare for inputs of the same shapes first.");
        _last.RunInputDependent(inputs);
        return _last.Outputs;
    }

    private Plan<T> PlanFor(ReadOnlySpan<Tensor<T>> inputs)
    {
        if (Tracing.ActiveCount != 0 && Tracer<T>.Current is not null)
            throw new NotSupportedException("A compiled function cannot run inside another function's trace; call the plain function there.");
        var plan = _last is not null && _last.Matches(inputs) ? _last : Find(inputs);
        plan ??= Trace(inputs);
        _last = plan;
        return plan;
    }

    private Plan<T>? Find(ReadOnlySpan<Tensor<T>> inputs)
    {
        foreach (var plan in _plans)
            if (plan.Matches(inputs))
                return plan;
        if (_plans.Count == 0 || _options.RetraceOnShapeChange)
            return null;
        var traced = _plans[0].InputDims;
        if (inputs.Length != traced.Length)
            throw new ArgumentException($"The compiled function was traced with {traced.Length} inputs but was given {inputs.Length}.", nameof(inputs));
        for (int i = 0; i < inputs.Length; i++)
        {
            if (!inputs[i].Dims.AsSpan().SequenceEqual(traced[i]))
                throw new ArgumentException(
                    $"Input {i} has shape {ShapeUtil.Format(inputs[i].Dims)} but the compiled function was traced for {ShapeUtil.Format(traced[i])}; pass that shape, or allow retracing (CompileOptions.RetraceOnShapeChange).",
                    nameof(inputs));
        }
        return null;
    }

    private Plan<T> Trace(ReadOnlySpan<Tensor<T>> inputs)
    {
        if (_plans.Count > 0 && inputs.Length != _plans[0].InputDims.Length)
            throw new ArgumentException($"The compiled function was traced with {_plans[0].InputDims.Length} inputs but was given {inputs.Length}.", nameof(inputs));
        var arguments = inputs.ToArray();
        for (int i = 0; i < arguments.Length; i++)
            ArgumentNullException.ThrowIfNull(arguments[i], $"inputs[{i}]");
        var tracer = new Tracer<T>();
        var inputIds = new int[arguments.Length];
        int[] outputIds;
        Tracer<T>.Current = tracer;
        Interlocked.Increment(ref Tracing.ActiveCount);
        try
        {
            for (int i = 0; i < arguments.Length; i++)
                inputIds[i] = tracer.AddInput(arguments[i]);
            var outputs = _function([.. arguments]) ?? throw new InvalidOperationException("The compiled function returned null; return an array of output tensors.");
            outputIds = new int[outputs.Length];
            for (int o = 0; o < outputs.Length; o++)
                outputIds[o] = tracer.ValueOf(outputs[o] ?? throw new InvalidOperationException($"The compiled function returned null as output {o}."));
        }
        finally
        {
            Tracer<T>.Current = null;
            Interlocked.Decrement(ref Tracing.ActiveCount);
        }
        var plan = PlanBuilder<T>.Build(tracer, inputIds, outputIds, _options);
        _plans.Add(plan);
        return plan;
    }
}
