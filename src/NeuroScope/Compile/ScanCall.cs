using System.Numerics;

namespace NeuroScope.Compile;

/// <summary>
/// One run of a <see cref="Scan{T}"/>: the plan, the length, and the layout of the run's single flat output — the
/// final carry, each stacked output, then the carry before every step (kept for the gradient, which re-runs each step
/// from it). Holds the op's state in the dynamic graph and its step in a compiled plan.
/// </summary>
internal sealed class ScanCall<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Scan<T> _scan;
    private readonly ScanPlan<T> _plan;
    private readonly int _length;
    private readonly int[] _carryOffsets;
    private readonly int[] _outputOffsets;
    private readonly int[] _savedOffsets;
    private Tensor<T>? _gradientFor;
    private Tensor<T>[]? _gradients;

    public ScanCall(Scan<T> scan, ScanPlan<T> plan, int length)
    {
        _scan = scan;
        _plan = plan;
        _length = length;
        int offset = 0;
        _carryOffsets = new int[plan.CarryCount];
        for (int i = 0; i < _carryOffsets.Length; i++)
        {
            _carryOffsets[i] = offset;
            offset += plan.CarryLengths[i];
        }
        _outputOffsets = new int[plan.OutputCount];
        for (int j = 0; j < _outputOffsets.Length; j++)
        {
            _outputOffsets[j] = offset;
            offset += length * plan.OutputLengths[j];
        }
        _savedOffsets = new int[plan.CarryCount];
        for (int i = 0; i < _savedOffsets.Length; i++)
        {
            _savedOffsets[i] = offset;
            offset += length * plan.CarryLengths[i];
        }
        FlatLength = offset;
    }

    public int FlatLength { get; }

    public int CarryOffset(int i) => _carryOffsets[i];

    public int OutputOffset(int j) => _outputOffsets[j];

    /// <summary>Runs the loop: <paramref name="inputs"/> holds the initial carries, the sequences and the constants; <paramref name="y"/> receives the flat output.</summary>
    public void Forward(T[][] inputs, T[] y)
    {
        var plan = _plan;
        int carries = plan.CarryCount, slices = plan.SliceCount, outputs = plan.OutputCount;
        var buffers = plan.Plan.InputBuffers;
        var results = plan.Plan.Outputs;
        lock (plan)
        {
            for (int m = 0; m < plan.ConstantCount; m++)
                Copy(inputs[carries + slices + m], 0, buffers[carries + slices + m], 0, buffers[carries + slices + m].Length);
            for (int i = 0; i < carries; i++)
                Copy(inputs[i], 0, buffers[i], 0, plan.CarryLengths[i]);
            for (int step = 0; step < _length; step++)
            {
                int k = _scan.Reverse ? _length - 1 - step : step;
                for (int i = 0; i < carries; i++)
                    Copy(buffers[i], 0, y, _savedOffsets[i] + k * plan.CarryLengths[i], plan.CarryLengths[i]);
                for (int j = 0; j < slices; j++)
                    Copy(inputs[carries + j], k * plan.SliceLengths[j], buffers[carries + j], 0, plan.SliceLengths[j]);
                plan.Plan.RunSteps();
                for (int j = 0; j < outputs; j++)
                    Copy(results[carries + j].Data, 0, y, _outputOffsets[j] + k * plan.OutputLengths[j], plan.OutputLengths[j]);
                for (int i = 0; i < carries; i++)
                    Copy(results[i].Data, 0, buffers[i], 0, plan.CarryLengths[i]);
            }
            for (int i = 0; i < carries; i++)
                Copy(buffers[i], 0, y, _carryOffsets[i], plan.CarryLengths[i]);
        }
    }

    /// <summary>The step of an enclosing compiled plan: this loop on the planned buffers, allocating nothing.</summary>
    public Action Bind(T[][] inputs, T[] y) => () => Forward(inputs, y);

    /// <summary>
    /// The gradient with respect to every input (initial carries, sequences, constants) given <paramref name="g"/> = ∂L/∂(flat
    /// output): one run of the gradient loop, shared by the calls the engine makes for each input of one backward pass.
    /// </summary>
    public Tensor<T>[] Gradients(Tensor<T> g, Tensor<T> y)
    {
        if (ReferenceEquals(g, _gradientFor))
            return _gradients!;
        var plan = _plan;
        int carries = plan.CarryCount, slices = plan.SliceCount, outputs = plan.OutputCount, constants = plan.ConstantCount;
        var inputs = y.Inputs!;
        var finalCotangents = new Tensor<T>[carries + constants];
        var sequences = new List<Tensor<T>>();
        for (int i = 0; i < carries; i++)
        {
            finalCotangents[i] = g.Slice(0, _carryOffsets[i], plan.CarryLengths[i]).Reshape(plan.CarryDims[i]);
            sequences.Add(y.Slice(0, _savedOffsets[i], _length * plan.CarryLengths[i]).Reshape([_length, .. plan.CarryDims[i]]));
        }
        for (int m = 0; m < constants; m++)
            finalCotangents[carries + m] = Tensor.Zeros<T>(plan.ConstantDims[m]);
        for (int j = 0; j < slices; j++)
            sequences.Add(inputs[carries + j]);
        for (int j = 0; j < outputs; j++)
            sequences.Add(g.Slice(0, _outputOffsets[j], _length * plan.OutputLengths[j]).Reshape([_length, .. plan.OutputDims[j]]));
        for (int i = 0; i < carries; i++)
            sequences.Add(g.Slice(0, _savedOffsets[i], _length * plan.CarryLengths[i]).Reshape([_length, .. plan.CarryDims[i]]));
        var wanted = new bool[slices];
        for (int j = 0; j < slices; j++)
            wanted[j] = inputs[carries + j].RequiresGrad;

        var gradient = _scan.Gradient(carries, slices, outputs, constants, wanted);
        var result = gradient.Run(finalCotangents, sequences, inputs[(carries + slices)..], _length);

        var gradients = new Tensor<T>[inputs.Length];
        for (int i = 0; i < carries; i++)
            gradients[i] = result.Carry[i];
        for (int j = 0, w = 0; j < slices; j++)
            gradients[carries + j] = wanted[j] ? result.Outputs[w++] : Tensor.ZerosLike(inputs[carries + j]);
        for (int m = 0; m < constants; m++)
            gradients[carries + slices + m] = result.Carry[carries + m];
        _gradientFor = g;
        _gradients = gradients;
        return gradients;
    }

    private static void Copy(T[] source, int sourceOffset, T[] destination, int destinationOffset, int length)
    {
        if (length == 1)
            destination[destinationOffset] = source[sourceOffset];
        else
            source.AsSpan(sourceOffset, length).CopyTo(destination.AsSpan(destinationOffset, length));
    }
}
