using System.Numerics;

namespace NeuroScope.Compile;

/// <summary>A scan body traced for one set of shapes: its plan (inputs: carry, slices, constants; outputs: next carry, step outputs) and the shapes.</summary>
internal sealed class ScanPlan<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] _captured;

    private ScanPlan(Plan<T> plan, int[][] carryDims, int[][] sliceDims, int[][] constantDims, int[][] outputDims, Tensor<T>[] captured)
    {
        Plan = plan;
        CarryDims = carryDims;
        SliceDims = sliceDims;
        ConstantDims = constantDims;
        OutputDims = outputDims;
        CarryLengths = Array.ConvertAll(carryDims, d => ShapeUtil.Product(d));
        SliceLengths = Array.ConvertAll(sliceDims, d => ShapeUtil.Product(d));
        OutputLengths = Array.ConvertAll(outputDims, d => ShapeUtil.Product(d));
        _captured = captured;
    }

    public Plan<T> Plan { get; }
    public int[][] CarryDims { get; }
    public int[][] SliceDims { get; }
    public int[][] ConstantDims { get; }
    public int[][] OutputDims { get; }
    public int[] CarryLengths { get; }
    public int[] SliceLengths { get; }
    public int[] OutputLengths { get; }
    public int CarryCount => CarryDims.Length;
    public int SliceCount => SliceDims.Length;
    public int ConstantCount => ConstantDims.Length;
    public int OutputCount => OutputDims.Length;

    public bool Matches(IReadOnlyList<Tensor<T>> initial, IReadOnlyList<Tensor<T>> xs, IReadOnlyList<Tensor<T>> constants)
    {
        if (initial.Count != CarryCount || xs.Count != SliceCount || constants.Count != ConstantCount)
            return false;
        for (int i = 0; i < initial.Count; i++)
            if (!initial[i].Dims.AsSpan().SequenceEqual(CarryDims[i]))
                return false;
        for (int j = 0; j < xs.Count; j++)
            if (!xs[j].Dims.AsSpan(1).SequenceEqual(SliceDims[j]))
                return false;
        for (int m = 0; m < constants.Count; m++)
            if (!constants[m].Dims.AsSpan().SequenceEqual(ConstantDims[m]))
                return false;
        return true;
    }

    /// <summary>
    /// Throws when an enclosing trace computed a tensor the body captured: the body's plan reads a captured tensor's
    /// storage in place, which the enclosing plan's replays would not update.
    /// </summary>
    public void RefuseEnclosingValues()
    {
        if (Tracing.ActiveCount == 0 || Tracer<T>.Current is not { } enclosing)
            return;
        foreach (var tensor in _captured)
            if (enclosing.IsTraced(tensor))
                throw new NotSupportedException(
                    $"Scan: the body captures a tensor of shape {ShapeUtil.Format(tensor.Dims)} that the enclosing compiled function computes; pass it to Run in constants, so each replay reads its new value.");
    }

    /// <summary>Traces <paramref name="body"/> on placeholders of the shapes given and plans it.</summary>
    public static ScanPlan<T> Trace(ScanBody<T> body, IReadOnlyList<Tensor<T>> initial, IReadOnlyList<Tensor<T>> xs, IReadOnlyList<Tensor<T>> constants)
    {
        var carryDims = initial.Select(t => (int[])t.Dims.Clone()).ToArray();
        var sliceDims = xs.Select(t => t.Dims[1..]).ToArray();
        var constantDims = constants.Select(t => (int[])t.Dims.Clone()).ToArray();
        // Placeholders require grad, so a body that takes gradients (a scan's own gradient loop) can take them.
        Tensor<T> Placeholder(int[] dims) => new Tensor<T>(new T[ShapeUtil.Product(dims)], dims) { RequiresGrad = true };
        var carry = Array.ConvertAll(carryDims, Placeholder);
        var slices = Array.ConvertAll(sliceDims, Placeholder);
        var fixedInputs = Array.ConvertAll(constantDims, Placeholder);

        var tracer = new Tracer<T>();
        var enclosing = Tracer<T>.Current;
        using var recording = Autograd.Recording();
        Tracer<T>.Current = tracer;
        Interlocked.Increment(ref Tracing.ActiveCount);
        int[] inputIds, outputIds;
        ScanStep<T> step;
        try
        {
            inputIds = [.. carry.Concat(slices).Concat(fixedInputs).Select(tracer.AddInput)];
            step = body(carry, slices, fixedInputs) ?? throw new InvalidOperationException("Scan: the body returned null; return a ScanStep.");
            if (step.Carry is null || step.Outputs is null)
                throw new InvalidOperationException("Scan: the body returned a ScanStep with a null Carry or Outputs.");
            outputIds = [.. step.Carry.Concat(step.Outputs).Select((t, o) => tracer.ValueOf(t ?? throw new InvalidOperationException($"Scan: the body returned null as {(o < step.Carry.Length ? $"carry {o}" : $"output {o - step.Carry.Length}")}.")))];
        }
        finally
        {
            Tracer<T>.Current = enclosing;
            Interlocked.Decrement(ref Tracing.ActiveCount);
        }

        if (step.Carry.Length != carry.Length)
            throw new ArgumentException($"Scan: the body returned {step.Carry.Length} carries but was given {carry.Length}; return one next value per carry.", nameof(initial));
        for (int i = 0; i < carry.Length; i++)
            if (!step.Carry[i].Dims.AsSpan().SequenceEqual(carryDims[i]))
                throw new ArgumentException(
                    $"Scan: the body returned carry {i} of shape {ShapeUtil.Format(step.Carry[i].Dims)} but it came in as {ShapeUtil.Format(carryDims[i])}; a carry keeps its shape from step to step.", nameof(initial));
        var captured = tracer.Values.Where(v => v.Kind == ValueKind.External).Select(v => v.Tensor!).ToArray();
        foreach (var tensor in captured)
            if (tensor.RequiresGrad)
                throw new NotSupportedException(
                    $"Scan: the body captures a tensor of shape {ShapeUtil.Format(tensor.Dims)} that requires grad; a captured tensor is a constant to the loop, so pass it to Run in constants to get its gradient.");

        var plan = PlanBuilder<T>.Build(tracer, inputIds, outputIds, new CompileOptions());
        var outputDims = step.Outputs.Select(t => (int[])t.Dims.Clone()).ToArray();
        return new ScanPlan<T>(plan, carryDims, sliceDims, constantDims, outputDims, captured);
    }
}
