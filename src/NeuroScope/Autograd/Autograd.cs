using System.Numerics;

namespace NeuroScope;

/// <summary>
/// How an operation sends the gradient <paramref name="g"/> of its output <paramref name="y"/> back to its
/// input number <paramref name="input"/> (<c>y.Inputs[input]</c>). Written in tensor operations, so the
/// returned gradient is itself differentiable. It may have the output's broadcast shape: the engine sums
/// it down to the input's shape.
/// </summary>
internal delegate Tensor<T> GradientRule<T>(Tensor<T> g, Tensor<T> y, int input) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The local derivative dy/dx of an element-wise op, given its input x and output y; the engine multiplies it by g.</summary>
internal delegate Tensor<T> LocalDerivative<T>(Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Reverse-mode automatic differentiation over the dynamic graph that tensor operations record:
/// <see cref="Backward{T}"/> for leaf gradients, <c>Grad</c> for gradients as values (differentiable
/// again with <c>createGraph</c>), and <see cref="NoGrad"/> to stop recording.
/// </summary>
public static class Autograd
{
    [ThreadStatic] private static int _noGradDepth;
    private static int _visitEpoch;

    /// <summary>Whether operations on this thread record the graph (false inside a <see cref="NoGrad"/> scope).</summary>
    public static bool IsGradEnabled => _noGradDepth == 0;

    /// <summary>Stops graph recording on this thread until the returned scope is disposed (PyTorch's <c>torch.no_grad()</c>).</summary>
    public static NoGradScope NoGrad()
    {
        _noGradDepth++;
        return new NoGradScope();
    }

    // Turns recording on until disposed, whatever scope encloses it: a loop body is traced (and may take its own
    // gradients) the same way inside a backward pass as outside one.
    internal static RecordingScope Recording()
    {
        int saved = _noGradDepth;
        _noGradDepth = 0;
        return new RecordingScope(saved);
    }

    internal readonly struct RecordingScope(int saved) : IDisposable
    {
        public void Dispose() => _noGradDepth = saved;
    }

    /// <summary>The scope returned by <see cref="NoGrad"/>; disposing it restores recording.</summary>
    public readonly struct NoGradScope : IDisposable
    {
        /// <summary>Ends the scope.</summary>
        public void Dispose() => _noGradDepth--;
    }

    /// <summary>Backpropagates from <paramref name="output"/> and accumulates into the <c>Grad</c> of every leaf that requires grad.</summary>
    /// <param name="output">The tensor to differentiate; a scalar unless <paramref name="gradOutput"/> is given.</param>
    /// <param name="gradOutput">d(objective)/d(output), of the output's shape; null means 1 for a scalar output.</param>
    /// <param name="createGraph">Record the backward pass itself, so the gradients can be differentiated again.</param>
    public static void Backward<T>(Tensor<T> output, Tensor<T>? gradOutput = null, bool createGraph = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Compile.Tracer<T>.RefuseBackward();
        var seed = Seed(output, gradOutput, "Backward()");
        Run([output], [seed], null, createGraph);
    }

    /// <summary>
    /// The gradients of the sum of <paramref name="outputs"/> (each weighted by its <paramref name="gradOutputs"/>
    /// entry, default 1 for scalars) with respect to <paramref name="inputs"/>, returned rather than accumulated.
    /// An input the outputs do not depend on gets zeros.
    /// </summary>
    /// <param name="createGraph">Record the backward pass, so the returned gradients are differentiable (Hessian-vector products, PDE residuals).</param>
    public static Tensor<T>[] Grad<T>(IReadOnlyList<Tensor<T>> outputs, IReadOnlyList<Tensor<T>> inputs,
        IReadOnlyList<Tensor<T>?>? gradOutputs = null, bool createGraph = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (gradOutputs is not null && gradOutputs.Count != outputs.Count)
            throw new ArgumentException($"Grad: {outputs.Count} outputs but {gradOutputs.Count} output gradients.", nameof(gradOutputs));
        var seeds = new Tensor<T>[outputs.Count];
        for (int i = 0; i < outputs.Count; i++)
            seeds[i] = Seed(outputs[i], gradOutputs?[i], "Grad()");
        var results = new Tensor<T>?[inputs.Count];
        Run(outputs, seeds, new Capture<T>(inputs, results), createGraph);
        var gradients = new Tensor<T>[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
            gradients[i] = results[i] ?? new Tensor<T>(new T[inputs[i].Length], inputs[i].Dims);
        return gradients;
    }

    /// <summary>The gradient of a scalar <paramref name="output"/> with respect to one input.</summary>
    public static Tensor<T> Grad<T>(Tensor<T> output, Tensor<T> input, bool createGraph = false)
        where T : unmanaged, IFloatingPointIeee754<T> => Grad([output], [input], null, createGraph)[0];

    private static Tensor<T> Seed<T>(Tensor<T> output, Tensor<T>? gradOutput, string caller) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!output.RequiresGrad)
            throw new InvalidOperationException($"{caller}: the tensor does not require grad, so there is nothing to differentiate; set RequiresGrad on the leaves it is computed from.");
        if (gradOutput is null)
        {
            if (output.Length != 1)
                throw new InvalidOperationException($"{caller}: the output has shape {ShapeUtil.Format(output.Dims)}; gradients can be created implicitly only for scalar outputs, so pass an output gradient of that shape.");
            return new Tensor<T>([T.One], output.Dims);
        }
        if (!Tensor<T>.SameShape(output, gradOutput))
            throw new ArgumentException($"{caller}: the output gradient has shape {ShapeUtil.Format(gradOutput.Dims)} but the output has shape {ShapeUtil.Format(output.Dims)}.");
        return gradOutput;
    }

    private sealed class Capture<T>(IReadOnlyList<Tensor<T>> inputs, Tensor<T>?[] results) where T : unmanaged, IFloatingPointIeee754<T>
    {
        public bool TryStore(Tensor<T> node, Tensor<T> gradient)
        {
            bool found = false;
            for (int i = 0; i < inputs.Count; i++)
            {
                if (ReferenceEquals(inputs[i], node))
                {
                    results[i] = gradient;
                    found = true;
                }
            }
            return found;
        }
    }

    // The engine: order the graph, walk it backwards, let each rule produce its inputs' gradients, accumulate.
    private static void Run<T>(IReadOnlyList<Tensor<T>> outputs, Tensor<T>[] seeds, Capture<T>? capture, bool createGraph)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var order = TopologicalOrder(outputs);
        for (int i = 0; i < outputs.Count; i++)
            Accumulate(outputs[i], seeds[i]);

        int saved = _noGradDepth;
        _noGradDepth = createGraph ? 0 : 1;
        try
        {
            for (int n = order.Count - 1; n >= 0; n--)
            {
                var node = order[n];
                var g = node.PendingGrad;
                node.PendingGrad = null;
                if (g is null)
                    continue;
                if (capture is not null)
                {
                    if (capture.TryStore(node, g) && node.Inputs is null)
                        continue;
                }
                else if (node.Inputs is null)
                {
                    StoreLeafGrad(node, g, createGraph);
                    continue;
                }
                if (node.Inputs is null)
                    continue;

                var inputs = node.Inputs;
                for (int i = 0; i < inputs.Length; i++)
                {
                    var input = inputs[i];
                    if (!input.RequiresGrad)
                        continue;
                    var contribution = node.Local is not null ? g * node.Local(input, node) : node.Rule!(g, node, i);
                    if (!Tensor<T>.SameShape(contribution, input))
                        contribution = contribution.SumTo(input.Dims);
                    Accumulate(input, contribution);
                }
            }
        }
        finally
        {
            _noGradDepth = saved;
            foreach (var node in order)
                node.PendingGrad = null;
        }
    }

    private static void Accumulate<T>(Tensor<T> node, Tensor<T> gradient) where T : unmanaged, IFloatingPointIeee754<T> =>
        node.PendingGrad = node.PendingGrad is null ? gradient : node.PendingGrad + gradient;

    private static void StoreLeafGrad<T>(Tensor<T> leaf, Tensor<T> g, bool createGraph) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (createGraph)
        {
            // g may be shared with other leaves, the graph or the caller's output gradient (rules such as Add pass it
            // through), and a later plain pass or ZeroGrad writes into Grad in place: give the leaf its own buffer.
            // x·1 is an exact copy that stays differentiable.
            leaf.Grad = leaf.Grad is null ? g.Mul(T.One) : leaf.Grad + g;
        }
        else if (leaf.Grad is null || !Tensor<T>.SameShape(leaf.Grad, leaf))
        {
            // A fresh buffer the leaf owns: g may be shared with other leaves or with the graph.
            leaf.Grad = new Tensor<T>((T[])g.Data.Clone(), leaf.Dims);
        }
        else if (leaf.Grad.RequiresGrad)
        {
            // Grad was recorded by a createGraph pass: its buffer belongs to the graph, so accumulate into a new one.
            var sum = new T[g.Data.Length];
            System.Numerics.Tensors.TensorPrimitives.Add(leaf.Grad.Data, g.Data, sum);
            leaf.Grad = new Tensor<T>(sum, leaf.Dims);
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Add(leaf.Grad.Data, g.Data, leaf.Grad.Data);
        }
    }

    // Reused between passes on the same thread: a backward pass on a small graph should not allocate its bookkeeping.
    [ThreadStatic] private static Stack<(object Node, int Next)>? _stackCache;

    // Iterative depth-first search over the nodes that require grad; parents come before children in the result.
    private static List<Tensor<T>> TopologicalOrder<T>(IReadOnlyList<Tensor<T>> outputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mark = Interlocked.Increment(ref _visitEpoch);
        var order = new List<Tensor<T>>();
        var stack = _stackCache ??= new Stack<(object, int)>();
        stack.Clear();
        foreach (var output in outputs)
        {
            if (output.VisitMark == mark)
                continue;
            output.VisitMark = mark;
            stack.Push((output, 0));
            while (stack.Count > 0)
            {
                var (top, next) = stack.Pop();
                var node = (Tensor<T>)top;
                var inputs = node.Inputs;
                if (inputs is not null && next < inputs.Length)
                {
                    stack.Push((node, next + 1));
                    var input = inputs[next];
                    if (input.RequiresGrad && input.VisitMark != mark)
                    {
                        input.VisitMark = mark;
                        stack.Push((input, 0));
                    }
                }
                else
                {
                    order.Add(node);
                }
            }
        }
        return order;
    }
}
