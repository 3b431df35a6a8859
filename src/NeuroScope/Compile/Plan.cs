using System.Numerics;
using System.Text;
using NeuroScope.Kernels;

namespace NeuroScope.Compile;

/// <summary>
/// A traced program made ready to replay: its steps are bound to buffers planned once, so a replay copies the inputs
/// in and runs the steps, allocating nothing.
/// </summary>
internal sealed class Plan<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _inputBuffers;
    private readonly Action[] _steps;
    private readonly int _inputFreeSteps;

    public Plan(int[][] inputDims, T[][] inputBuffers, Action[] steps, int inputFreeSteps, Tensor<T>[] outputs, string listing, PlanStatistics statistics)
    {
        InputDims = inputDims;
        _inputBuffers = inputBuffers;
        _steps = steps;
        _inputFreeSteps = inputFreeSteps;
        Outputs = outputs;
        Listing = listing;
        Statistics = statistics;
    }

    /// <summary>The shape of each input the plan was traced for.</summary>
    public int[][] InputDims { get; }

    /// <summary>The output tensors; every replay overwrites their values.</summary>
    public Tensor<T>[] Outputs { get; }

    public string Listing { get; }

    public PlanStatistics Statistics { get; }

    public bool Matches(ReadOnlySpan<Tensor<T>> inputs)
    {
        if (inputs.Length != InputDims.Length)
            return false;
        for (int i = 0; i < inputs.Length; i++)
            if (!inputs[i].Dims.AsSpan().SequenceEqual(InputDims[i]))
                return false;
        return true;
    }

    /// <summary>The plan's own copy of each input, in input order: a loop writes its carry and slices straight into them.</summary>
    public T[][] InputBuffers => _inputBuffers;

    /// <summary>Runs every step on what the input buffers hold now.</summary>
    public void RunSteps()
    {
        foreach (var step in _steps)
            step();
    }

    public void Run(ReadOnlySpan<Tensor<T>> inputs)
    {
        RunInputFree();
        RunInputDependent(inputs);
    }

    /// <summary>Runs the steps that read no input (with hoisting, they come first and their results are kept).</summary>
    public void RunInputFree()
    {
        for (int s = 0; s < _inputFreeSteps; s++)
            _steps[s]();
    }

    /// <summary>Copies the inputs in and runs the steps that read them.</summary>
    public void RunInputDependent(ReadOnlySpan<Tensor<T>> inputs)
    {
        for (int i = 0; i < _inputBuffers.Length; i++)
            inputs[i].Data.AsSpan().CopyTo(_inputBuffers[i]);
        for (int s = _inputFreeSteps; s < _steps.Length; s++)
            _steps[s]();
    }
}

/// <summary>What compilation made of a traced function.</summary>
/// <param name="TracedOps">Ops the trace recorded, forward and backward.</param>
/// <param name="LiveOps">Ops left after removing those no output depends on and views (reshapes), which cost nothing.</param>
/// <param name="Steps">Steps a replay runs: a fused loop counts once.</param>
/// <param name="FusedLoops">Fused loops among the steps.</param>
/// <param name="FusedOps">Ops inside fused loops.</param>
/// <param name="Buffers">Buffers the plan owns for intermediate and output values, after reuse.</param>
/// <param name="BufferElements">Their total element count.</param>
/// <param name="BlockedPasses">Steps that run a chain of ops block by block over long tensors (see <see cref="CompileOptions.Fuse"/>).</param>
/// <param name="BlockedOps">Ops inside blocked passes.</param>
/// <param name="Epilogues">Blocked passes that start with a matrix multiply: the chain runs on each block of its rows as it is computed.</param>
public sealed record PlanStatistics(int TracedOps, int LiveOps, int Steps, int FusedLoops, int FusedOps, int Buffers, long BufferElements,
    int BlockedPasses = 0, int BlockedOps = 0, int Epilogues = 0)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{TracedOps} traced ops, {LiveOps} live; {Steps} steps, {FusedLoops} fused loops holding {FusedOps} ops, "
        + $"{BlockedPasses} blocked passes ({Epilogues} as matrix multiplies' epilogues) holding {BlockedOps} ops; {Buffers} buffers of {BufferElements} elements in all";
}

/// <summary>Turns a trace into a <see cref="Plan{T}"/>: dead-op removal, view resolution, fusion, buffer planning, step binding.</summary>
internal static class PlanBuilder<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <param name="options">
    /// Fusion settings and, with <see cref="CompileOptions.HoistInputFree"/>, whether to move the ops that read no
    /// input (transitively) ahead of the rest and keep every value they pass on, so that they can run once and the
    /// input-dependent rest many times: a Hessian-vector product's loss and gradient at a point, then one product per
    /// vector.
    /// </param>
    public static Plan<T> Build(Tracer<T> trace, int[] inputIds, int[] outputIds, CompileOptions options)
    {
        int fuseMaxLength = options.Fuse ? options.FuseMaxLength : 0;
        bool hoistInputFree = options.HoistInputFree;
        var values = trace.Values;
        var nodes = trace.Nodes;

        // Views: a reshape (or detach) shares its input's storage, so it reads and writes the root's buffer.
        var root = new int[values.Count];
        for (int v = 0; v < values.Count; v++)
            root[v] = v;
        foreach (var node in nodes)
            if (node.Op == OpCode.Reshape)
                root[node.Output] = root[node.Inputs[0]];

        // Dead-op removal: keep what an output depends on.
        var needed = new bool[values.Count];
        foreach (int o in outputIds)
            needed[o] = true;
        for (int n = nodes.Count - 1; n >= 0; n--)
        {
            if (!needed[nodes[n].Output])
                continue;
            foreach (int input in nodes[n].Inputs)
                needed[input] = true;
        }
        var live = new List<TraceNode<T>>();
        foreach (var node in nodes)
            if (needed[node.Output] && node.Op != OpCode.Reshape)
                live.Add(node);

        // Which values depend on an input; with hoisting, the input-free ops run first (a stable reorder: an
        // input-free op reads only input-free values, so every op still follows what it reads).
        var dependent = new bool[values.Count];
        foreach (int i in inputIds)
            dependent[i] = true;
        foreach (var node in nodes)
            foreach (int input in node.Inputs)
                dependent[node.Output] |= dependent[input];
        if (hoistInputFree)
            live = [.. live.Where(n => !dependent[n.Output]), .. live.Where(n => dependent[n.Output])];

        // Fusion: consecutive element-wise ops of one length with exact scalar forms become one loop; above that
        // length, a chain of element-wise ops (headed by the matrix multiply it reads, where there is one) becomes a
        // blocked pass.
        var groups = new List<List<TraceNode<T>>>();
        var kinds = new List<StepKind>();
        var rowLengths = new List<int>();
        var taken = new bool[live.Count];
        for (int p = 0; p < live.Count; p++)
        {
            if (taken[p])
                continue;
            var node = live[p];
            int length = values[node.Output].Length;
            if (IsFusible(node, values, fuseMaxLength))
            {
                bool sameSide = !hoistInputFree || groups.Count == 0 || dependent[groups[^1][0].Output] == dependent[node.Output];
                if (kinds.Count > 0 && kinds[^1] == StepKind.Loop && values[groups[^1][0].Output].Length == length && sameSide)
                {
                    groups[^1].Add(node);
                }
                else
                {
                    groups.Add([node]);
                    kinds.Add(StepKind.Loop);
                    rowLengths.Add(0);
                }
                continue;
            }
            if (options.Fuse && length > fuseMaxLength && BlockedGroup(live, p, taken, values, root, hoistInputFree ? dependent : null) is { } blocked)
            {
                groups.Add(blocked.Nodes);
                kinds.Add(StepKind.Blocked);
                rowLengths.Add(blocked.RowLength);
                continue;
            }
            groups.Add([node]);
            kinds.Add(StepKind.Single);
            rowLengths.Add(0);
        }
        var stepOf = new int[values.Count];
        Array.Fill(stepOf, -1);
        for (int s = 0; s < groups.Count; s++)
        {
            foreach (var node in groups[s])
                stepOf[node.Output] = s;
        }

        // Which values need a buffer (read outside their step, or an output) and when each buffer is last read.
        var isOutputRoot = new bool[values.Count];
        foreach (int o in outputIds)
            isOutputRoot[root[o]] = true;
        int inputFreeSteps = hoistInputFree ? groups.Count(g => !dependent[g[0].Output]) : 0;
        if (hoistInputFree)
        {
            // What the input-free part passes on must survive every run of the input-dependent part.
            foreach (var group in groups)
                foreach (var node in group)
                    if (dependent[node.Output])
                        foreach (int input in node.Inputs)
                            if (!dependent[root[input]])
                                isOutputRoot[root[input]] = true;
        }
        var materialized = new bool[values.Count];
        var lastUse = new int[values.Count];
        Array.Fill(lastUse, -1);
        for (int s = 0; s < groups.Count; s++)
        {
            foreach (var node in groups[s])
            {
                if (kinds[s] != StepKind.Loop)
                    materialized[node.Output] = true;
                foreach (int input in node.Inputs)
                {
                    int r = root[input];
                    lastUse[r] = Math.Max(lastUse[r], s);
                    if (stepOf[r] != s)
                        materialized[r] = true;
                }
            }
        }
        for (int v = 0; v < values.Count; v++)
            if (isOutputRoot[v])
                materialized[v] = true;

        // In a blocked pass an op may write over an operand made earlier in the same pass that nothing reads after
        // it: each block reads an element before writing it, so the chain runs in place and its intermediate values
        // take no memory of their own. The buffer then belongs to the last value written into it.
        var sharesWith = new int[values.Count];
        Array.Fill(sharesWith, -1);
        for (int s = 0; s < groups.Count; s++)
        {
            if (kinds[s] != StepKind.Blocked)
                continue;
            var group = groups[s];
            var lastReader = new Dictionary<int, int>();
            for (int j = 0; j < group.Count; j++)
                foreach (int input in group[j].Inputs)
                    lastReader[root[input]] = j;
            for (int j = 0; j < group.Count; j++)
            {
                var node = group[j];
                if (node.Op == OpCode.MatMul)
                    continue;
                foreach (int input in node.Inputs)
                {
                    int r = root[input];
                    if (stepOf[r] == s && lastUse[r] == s && !isOutputRoot[r] && lastReader[r] == j && values[r].Length == values[node.Output].Length)
                    {
                        sharesWith[node.Output] = r;
                        lastReader[r] = int.MaxValue;   // taken: no second op of this one may claim it
                        break;
                    }
                }
            }
        }
        // The first value of a shared buffer owns it: kept while any of its values is read, for good if one is an output.
        var owner = new int[values.Count];
        for (int v = 0; v < values.Count; v++)
            owner[v] = sharesWith[v] >= 0 ? owner[sharesWith[v]] : v;
        for (int v = 0; v < values.Count; v++)
        {
            if (owner[v] == v)
                continue;
            lastUse[owner[v]] = Math.Max(lastUse[owner[v]], lastUse[v]);
            isOutputRoot[owner[v]] |= isOutputRoot[v];
        }

        // Buffers: inputs get plan-owned copies, externals are read in place, computed values share buffers of one
        // length once their last reader has run (never within a step, so no step writes over what it reads).
        var storage = new T[]?[values.Count];
        var inputBuffers = new T[inputIds.Length][];
        for (int i = 0; i < inputIds.Length; i++)
            storage[inputIds[i]] = inputBuffers[i] = new T[values[inputIds[i]].Length];
        for (int v = 0; v < values.Count; v++)
            if (values[v].Kind == ValueKind.External)
                storage[v] = values[v].Tensor!.Data;
        // A buffer takes over the array the traced run wrote its first value to, where no other value of the plan
        // uses that array: the trace's tensors are garbage once the plan is built, so planning adds no memory to the
        // traced step's. (Arrays are exact-length; a reshape's array is its root's, which the root claims first.)
        var claimed = new HashSet<T[]>(ReferenceEqualityComparer.Instance);
        for (int v = 0; v < values.Count; v++)
            if (storage[v] is { } bound)
                claimed.Add(bound);
        T[] NewBuffer(int value, int length)
        {
            if (values[value].Traced is { } traced && traced.Length == length && claimed.Add(traced))
                return traced;
            return new T[length];
        }
        var free = new Dictionary<int, Stack<T[]>>();
        var releaseAt = new List<int>[groups.Count];
        for (int v = 0; v < values.Count; v++)
        {
            if (materialized[v] && values[v].Kind == ValueKind.Computed && owner[v] == v && !isOutputRoot[v] && lastUse[v] >= 0)
                (releaseAt[lastUse[v]] ??= []).Add(v);
        }
        int buffers = 0;
        long bufferElements = 0;
        for (int s = 0; s < groups.Count; s++)
        {
            foreach (var node in groups[s])
            {
                int v = node.Output;
                if (!materialized[v])
                    continue;
                if (sharesWith[v] >= 0)
                {
                    storage[v] = storage[sharesWith[v]];
                    continue;
                }
                int length = values[v].Length;
                if (free.TryGetValue(length, out var pool) && pool.Count > 0)
                {
                    storage[v] = pool.Pop();
                }
                else
                {
                    storage[v] = NewBuffer(v, length);
                    buffers++;
                    bufferElements += length;
                }
            }
            if (releaseAt[s] is { } released)
            {
                foreach (int v in released)
                {
                    if (!free.TryGetValue(values[v].Length, out var pool))
                        free[values[v].Length] = pool = new Stack<T[]>();
                    pool.Push(storage[v]!);
                }
            }
        }

        // Steps.
        var steps = new List<Action>();
        var listing = new StringBuilder();
        int fusedLoops = 0, fusedOps = 0, blockedPasses = 0, blockedOps = 0, epilogues = 0;
        T[] Buffer(int value) => storage[root[value]]!;
        int[] DimsOf(int value) => values[value].Dims;
        for (int s = 0; s < groups.Count; s++)
        {
            var group = groups[s];
            if (kinds[s] == StepKind.Loop)
            {
                int length = values[group[0].Output].Length;
                steps.Add(FusedLoop<T>.Compile(group, length, v => materialized[root[v]] ? storage[root[v]] : null, v => values[v].Length, v => root[v]));
                fusedLoops++;
                fusedOps += group.Count;
                listing.Append("fused loop over ").Append(length).Append(" elements: ")
                    .AppendJoin(", ", group.Select(n => OpNames.Of(n.Op))).AppendLine();
            }
            else if (kinds[s] == StepKind.Blocked)
            {
                var pass = BindBlocked(group, rowLengths[s], Buffer, DimsOf, options.BlockElements);
                steps.Add(pass.Run);
                blockedPasses++;
                blockedOps += group.Count;
                bool epilogue = group[0].Op == OpCode.MatMul;
                if (epilogue)
                {
                    epilogues++;
                    blockedOps--;
                }
                int length = values[group[^1].Output].Length;
                listing.Append("blocked pass over ").Append(length).Append(" elements in ").Append(pass.Blocks).Append(pass.Blocks == 1 ? " block: " : " blocks: ");
                if (epilogue)
                    listing.Append(OpNames.Of(OpCode.MatMul)).Append(' ').AppendJoin(", ", group[0].Inputs.Select(i => ShapeUtil.Format(DimsOf(i))))
                        .Append(" -> ").Append(ShapeUtil.Format(DimsOf(group[0].Output))).Append(" then ");
                listing.AppendJoin(", ", group.Skip(epilogue ? 1 : 0).Select(n => OpNames.Of(n.Op))).AppendLine();
            }
            else
            {
                var node = group[0];
                steps.Add(Steps<T>.Bind(node, Buffer, DimsOf));
                listing.Append(OpNames.Of(node.Op)).Append(' ').AppendJoin(", ", node.Inputs.Select(i => ShapeUtil.Format(DimsOf(i))))
                    .Append(" -> ").Append(ShapeUtil.Format(DimsOf(node.Output))).AppendLine();
            }
        }

        // Outputs: views of planned buffers; an output that is an input or a captured tensor is copied out.
        var outputs = new Tensor<T>[outputIds.Length];
        for (int o = 0; o < outputIds.Length; o++)
        {
            int v = outputIds[o];
            var dims = (int[])values[v].Dims.Clone();
            if (values[root[v]].Kind == ValueKind.Computed)
            {
                outputs[o] = new Tensor<T>(Buffer(v), dims);
                continue;
            }
            var source = Buffer(v);
            var copy = new T[source.Length];
            buffers++;
            bufferElements += copy.Length;
            steps.Add(() => source.AsSpan().CopyTo(copy));
            listing.Append("Copy out ").AppendLine(ShapeUtil.Format(dims));
            outputs[o] = new Tensor<T>(copy, dims);
        }

        var inputDims = new int[inputIds.Length][];
        for (int i = 0; i < inputIds.Length; i++)
            inputDims[i] = (int[])values[inputIds[i]].Dims.Clone();
        var statistics = new PlanStatistics(nodes.Count, live.Count, steps.Count, fusedLoops, fusedOps, buffers, bufferElements, blockedPasses, blockedOps, epilogues);
        return new Plan<T>(inputDims, inputBuffers, [.. steps], inputFreeSteps, outputs, listing.ToString(), statistics);
    }

    /// <summary>How a step runs its ops.</summary>
    private enum StepKind
    {
        /// <summary>One op, through its kernel.</summary>
        Single,
        /// <summary>A generated loop over a chain of short element-wise ops.</summary>
        Loop,
        /// <summary>A <see cref="BlockedPass{T}"/>.</summary>
        Blocked,
    }

    /// <summary>How far past the head of a blocked pass the planner looks for ops to join it.</summary>
    private const int Lookahead = 16;

    /// <summary>
    /// The blocked pass headed by <c>live[head]</c>, or null where there is none worth making: the head is a matrix
    /// multiply with a row-block path or an element-wise op, followed within <see cref="Lookahead"/> ops by
    /// element-wise ops of the same length whose operands are ready when the head runs (made before it, or by the
    /// pass). Ops passed over keep their order and run after the pass; the first of them that reads the pass's values
    /// ends the search. Joined ops are marked in <paramref name="taken"/>.
    /// </summary>
    private static (List<TraceNode<T>> Nodes, int RowLength)? BlockedGroup(List<TraceNode<T>> live, int head, bool[] taken, List<TraceValue<T>> values, int[] root, bool[]? side)
    {
        var first = live[head];
        int length = values[first.Output].Length;
        int[] DimsOf(int value) => values[value].Dims;
        int rowLength;
        if (first.Op == OpCode.MatMul)
        {
            var aDims = DimsOf(first.Inputs[0]);
            var bDims = DimsOf(first.Inputs[1]);
            bool ta = first.Ints[0] != 0, tb = first.Ints[1] != 0;
            int m = ta ? aDims[1] : aDims[0], k = ta ? aDims[0] : aDims[1], n = tb ? bDims[0] : bDims[1];
            if (!MatMulKernel.HasRowBlocks<T>(m, k, n, ta))
                return null;
            rowLength = n;
        }
        else if (!RangeSteps<T>.Supports(first, DimsOf, out rowLength))
        {
            return null;
        }

        var nodes = new List<TraceNode<T>> { first };
        var members = new HashSet<int> { root[first.Output] };
        var passedOver = new HashSet<int>();
        var joined = new List<int>();
        for (int q = head + 1; q < live.Count && q <= head + Lookahead; q++)
        {
            if (taken[q])
                continue;
            var candidate = live[q];
            if (side is not null && side[candidate.Output] != side[first.Output])
                break;
            bool readsPassedOver = false, readsPass = false;
            foreach (int input in candidate.Inputs)
            {
                readsPassedOver |= passedOver.Contains(root[input]);
                readsPass |= members.Contains(root[input]);
            }
            if (!readsPassedOver && values[candidate.Output].Length == length && RangeSteps<T>.Supports(candidate, DimsOf, out int rows)
                && (rows == 0 || rowLength == 0 || rows == rowLength))
            {
                nodes.Add(candidate);
                members.Add(root[candidate.Output]);
                joined.Add(q);
                if (rows != 0)
                    rowLength = rows;
                continue;
            }
            passedOver.Add(root[candidate.Output]);
            if (readsPass)
                break;
        }
        if (nodes.Count == 1)
            return null;
        foreach (int q in joined)
            taken[q] = true;
        return (nodes, rowLength);
    }

    private static BlockedPass<T> BindBlocked(List<TraceNode<T>> group, int rowLength, Func<int, T[]> buffer, Func<int, int[]> dimsOf, int blockElements)
    {
        MatMulRows<T>? head = null;
        var ops = new List<RangeStep>();
        foreach (var node in group)
        {
            if (node.Op == OpCode.MatMul)
            {
                var aDims = dimsOf(node.Inputs[0]);
                var bDims = dimsOf(node.Inputs[1]);
                bool ta = node.Ints[0] != 0, tb = node.Ints[1] != 0;
                int m = ta ? aDims[1] : aDims[0], k = ta ? aDims[0] : aDims[1], n = tb ? bDims[0] : bDims[1];
                head = new MatMulRows<T>(buffer(node.Inputs[0]), buffer(node.Inputs[1]), buffer(node.Output), m, k, n, ta, tb);
                continue;
            }
            ops.Add(RangeSteps<T>.Bind(node, buffer, dimsOf, out _)
                ?? throw new InvalidOperationException($"{OpNames.Of(node.Op)} cannot run in a blocked pass."));
        }
        int length = ShapeUtil.Product(dimsOf(group[0].Output));
        return new BlockedPass<T>(head, [.. ops], length, rowLength, blockElements);
    }

    private static bool IsFusible(TraceNode<T> node, List<TraceValue<T>> values, int fuseMaxLength)
    {
        int length = values[node.Output].Length;
        if (length > fuseMaxLength || !FusedLoop<T>.HasScalarForm(node))
            return false;
        // Each operand is read element by element or, with one element, broadcast; other broadcasts keep their kernel.
        foreach (int input in node.Inputs)
        {
            int l = values[input].Length;
            if (l != length && l != 1)
                return false;
        }
        return true;
    }
}
