using System.Numerics;

namespace NeuroScope.Compile;

/// <summary>
/// A loop whose body is compiled once (JAX's <c>lax.scan</c>): carry ← body(carry, xs[k], constants) for k = 0 … length − 1,
/// stacking each step's outputs. The body is traced once per set of shapes into a plan that each step replays, so a
/// 1,000-step simulation costs one small trace, not 1,000 steps of graph. A run is one differentiable op: its gradient
/// is a loop too (the reverse scan of the body's gradient, taken with the same per-op rules), so second derivatives
/// come the same way, and inside a compiled function the loop is one step of the plan.
/// </summary>
/// <remarks>
/// Make one <see cref="Scan{T}"/> per body and reuse it: its plans (and its gradient's) are kept per set of shapes.
/// Runs of one scan are serialized (a run replays the plan's own buffers); separate scans run in parallel.
/// </remarks>
public sealed class Scan<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ScanBody<T> _body;
    private readonly List<ScanPlan<T>> _plans = [];
    private readonly Dictionary<string, Scan<T>> _gradients = [];

    /// <summary>A loop over <paramref name="body"/>.</summary>
    /// <param name="body">One step; see <see cref="ScanBody{T}"/>.</param>
    /// <param name="reverse">Run the steps from the last index to the first (outputs are still stored at their own index).</param>
    public Scan(ScanBody<T> body, bool reverse = false)
    {
        ArgumentNullException.ThrowIfNull(body);
        _body = body;
        Reverse = reverse;
    }

    /// <summary>Whether the steps run from the last index to the first.</summary>
    public bool Reverse { get; }

    /// <summary>How many times the body has been traced (once per distinct set of shapes).</summary>
    public int TraceCount
    {
        get { lock (_plans) return _plans.Count; }
    }

    /// <summary>The most recent body plan's statistics, or null before the first run.</summary>
    public PlanStatistics? Statistics
    {
        get { lock (_plans) return _plans.Count == 0 ? null : _plans[^1].Plan.Statistics; }
    }

    /// <summary>Runs the loop.</summary>
    /// <param name="initial">The carry before the first step.</param>
    /// <param name="xs">Sequences with a first axis of the loop's length; step k sees entry k of each.</param>
    /// <param name="constants">Tensors every step reads (gradients flow to them); null for none.</param>
    /// <param name="length">The number of steps; needed only when there are no sequences, otherwise it must match their first axis.</param>
    /// <exception cref="ArgumentException">The sequences disagree on their length, or the body returns a carry of another count or shape.</exception>
    /// <exception cref="NotSupportedException">The body reads a value, or captures a tensor that needs a gradient or that an enclosing trace computed.</exception>
    public ScanResult<T> Run(IReadOnlyList<Tensor<T>> initial, IReadOnlyList<Tensor<T>> xs, IReadOnlyList<Tensor<T>>? constants = null, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(xs);
        constants ??= [];
        int steps = Length(xs, length);
        var inputs = new Tensor<T>[initial.Count + xs.Count + constants.Count];
        for (int i = 0; i < initial.Count; i++)
            inputs[i] = initial[i] ?? throw new ArgumentNullException(nameof(initial), $"Scan: initial carry {i} is null.");
        for (int j = 0; j < xs.Count; j++)
            inputs[initial.Count + j] = xs[j] ?? throw new ArgumentNullException(nameof(xs), $"Scan: sequence {j} is null.");
        for (int m = 0; m < constants.Count; m++)
            inputs[initial.Count + xs.Count + m] = constants[m] ?? throw new ArgumentNullException(nameof(constants), $"Scan: constant {m} is null.");
        if (inputs.Length == 0)
            throw new ArgumentException("Scan: give at least one initial carry, sequence or constant.", nameof(initial));

        var plan = PlanFor(initial, xs, constants);
        plan.RefuseEnclosingValues();
        var call = new ScanCall<T>(this, plan, steps);
        var y = Tensor<T>.Empty([call.FlatLength]);
        var buffers = Array.ConvertAll(inputs, t => t.Data);
        call.Forward(buffers, y.Data);
        Tensor<T>.TraceLoop(y, inputs, call);
        Tensor<T>.Record(y, inputs, static (g, y, i) => ((ScanCall<T>)y.State!).Gradients(g, y)[i], call);

        var carry = new Tensor<T>[plan.CarryCount];
        for (int i = 0; i < carry.Length; i++)
            carry[i] = y.Slice(0, call.CarryOffset(i), plan.CarryLengths[i]).Reshape(plan.CarryDims[i]);
        var outputs = new Tensor<T>[plan.OutputCount];
        for (int j = 0; j < outputs.Length; j++)
            outputs[j] = y.Slice(0, call.OutputOffset(j), steps * plan.OutputLengths[j]).Reshape([steps, .. plan.OutputDims[j]]);
        return new ScanResult<T>(carry, outputs);
    }

    private static int Length(IReadOnlyList<Tensor<T>> xs, int? length)
    {
        int? found = length;
        for (int j = 0; j < xs.Count; j++)
        {
            var x = xs[j] ?? throw new ArgumentNullException(nameof(xs), $"Scan: sequence {j} is null.");
            if (x.Rank == 0)
                throw new ArgumentException($"Scan: sequence {j} is a scalar; a sequence needs a first axis of the loop's length.", nameof(xs));
            if (found is { } n && x.Dims[0] != n)
                throw new ArgumentException(
                    $"Scan: sequence {j} has {x.Dims[0]} entries along its first axis, but the loop has {n} steps ({(length is null ? "from sequence 0" : "the length given")}).", nameof(xs));
            found = x.Dims[0];
        }
        if (found is not { } steps)
            throw new ArgumentException("Scan: without sequences the number of steps must be given (length).", nameof(length));
        if (steps < 0)
            throw new ArgumentOutOfRangeException(nameof(length), $"Scan: length must be 0 or more, got {steps}.");
        return steps;
    }

    private ScanPlan<T> PlanFor(IReadOnlyList<Tensor<T>> initial, IReadOnlyList<Tensor<T>> xs, IReadOnlyList<Tensor<T>> constants)
    {
        lock (_plans)
        {
            foreach (var plan in _plans)
                if (plan.Matches(initial, xs, constants))
                    return plan;
            var built = ScanPlan<T>.Trace(_body, initial, xs, constants);
            _plans.Add(built);
            return built;
        }
    }

    /// <summary>
    /// The loop that computes this one's gradient: a scan in the other direction whose carry is the carry's cotangent
    /// and the constants' accumulated gradients, and whose step re-runs the body from the saved carry and takes its
    /// gradient with <see cref="Autograd.Grad{T}(IReadOnlyList{Tensor{T}}, IReadOnlyList{Tensor{T}}, IReadOnlyList{Tensor{T}?}?, bool)"/>
    /// (recorded, so it can be differentiated again). One per set of sequences that need a gradient.
    /// </summary>
    internal Scan<T> Gradient(int carries, int sequences, int outputs, int constants, bool[] sequenceNeedsGradient)
    {
        string key = string.Concat(sequenceNeedsGradient.Select(b => b ? '1' : '0'));
        lock (_gradients)
        {
            if (_gradients.TryGetValue(key, out var existing))
                return existing;
            var body = _body;
            var wanted = Enumerable.Range(0, sequences).Where(j => sequenceNeedsGradient[j]).ToArray();
            var gradient = new Scan<T>((carry, x, k) =>
            {
                // carry: ∂L/∂carry after this step, then the constants' gradients so far.
                // x: the carry before this step, this step's slices, ∂L/∂outputs of this step, ∂L/∂(saved carry) of this step.
                var c = x[..carries];
                var slices = x[carries..(carries + sequences)];
                var outputGradients = x[(carries + sequences)..(carries + sequences + outputs)];
                var savedGradients = x[(carries + sequences + outputs)..];
                var step = body(c, slices, k);
                var results = new List<Tensor<T>>();
                var seeds = new List<Tensor<T>?>();
                for (int i = 0; i < carries; i++)
                    Seed(step.Carry[i], carry[i]);
                for (int j = 0; j < outputs; j++)
                    Seed(step.Outputs[j], outputGradients[j]);
                void Seed(Tensor<T> result, Tensor<T> seed)
                {
                    if (!result.RequiresGrad)
                        return;
                    results.Add(result);
                    seeds.Add(seed);
                }
                Tensor<T>[] with = [.. c, .. wanted.Select(j => slices[j]), .. k];
                var grads = results.Count == 0
                    ? Array.ConvertAll(with, t => Tensor.ZerosLike(t))
                    : Autograd.Grad(results, with, seeds, createGraph: true);
                var next = new Tensor<T>[carries + constants];
                for (int i = 0; i < carries; i++)
                    next[i] = grads[i] + savedGradients[i];
                for (int m = 0; m < constants; m++)
                    next[carries + m] = carry[carries + m] + grads[carries + wanted.Length + m];
                return new ScanStep<T>(next, grads[carries..(carries + wanted.Length)]);
            }, !Reverse);
            _gradients[key] = gradient;
            return gradient;
        }
    }
}
