using System.Numerics;
using NeuroScope.Compile;
using NeuroScope.Diagnostics;

namespace NeuroScope.Bench;

/// <summary>How a workload's steps are run on the engine: recorded and back-propagated each step, or compiled once and replayed.</summary>
internal enum Execution
{
    /// <summary>The dynamic engine: each step records its graph and runs <c>Backward</c>.</summary>
    Dynamic,

    /// <summary>A compiled step (NeuroScope.Compile): traced and planned once, outside the timer, then replayed.</summary>
    Compiled,
}

/// <summary>
/// One training step's loss and gradients, for a loss of the step's inputs and a fixed list of parameters: after
/// <see cref="Run"/> each parameter's <c>Grad</c> holds its gradient for the optimizer to read. A workload's set-up and
/// loop are written once and take one of these, so the dynamic and the compiled figures time the same work.
/// </summary>
internal abstract class GradientStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    protected GradientStep(IReadOnlyList<Tensor<T>> parameters, Func<Tensor<T>[], Tensor<T>> loss)
    {
        Parameters = parameters;
        Loss = loss;
    }

    /// <summary>The tensors the loss is differentiated with respect to.</summary>
    public IReadOnlyList<Tensor<T>> Parameters { get; }

    /// <summary>The scalar loss of a step's inputs (none for full-batch workloads).</summary>
    protected Func<Tensor<T>[], Tensor<T>> Loss { get; }

    /// <summary>
    /// Computes the loss for <paramref name="inputs"/>, leaves the gradients in the parameters' <c>Grad</c> and returns
    /// the loss (null from a compiled step made without it).
    /// </summary>
    public abstract Tensor<T>? Run(params Tensor<T>[] inputs);

    /// <summary>The Hessian of the input-free loss at the parameters' current values (exact Hessian-vector products).</summary>
    public abstract HessianOperator<T> Hessian();

    /// <summary>A step run the given way; a compiled one is traced here with <paramref name="exampleInputs"/>, outside any timer.</summary>
    /// <param name="returnsLoss">
    /// False where the loop reads only the gradients: a compiled plan then leaves out whatever only the loss's value
    /// needs, as a hand-written loop does.
    /// </param>
    public static GradientStep<T> Create(Execution execution, IReadOnlyList<Tensor<T>> parameters, Func<Tensor<T>[], Tensor<T>> loss,
        Tensor<T>[]? exampleInputs = null, bool returnsLoss = true) => execution switch
        {
            Execution.Dynamic => new Dynamic(parameters, loss),
            Execution.Compiled => new Compiled(parameters, loss, exampleInputs ?? [], returnsLoss),
            _ => throw new ArgumentOutOfRangeException(nameof(execution), execution, "Dynamic or Compiled"),
        };

    private sealed class Dynamic(IReadOnlyList<Tensor<T>> parameters, Func<Tensor<T>[], Tensor<T>> loss) : GradientStep<T>(parameters, loss)
    {
        public override Tensor<T> Run(params Tensor<T>[] inputs)
        {
            // Backward accumulates, so the previous step's gradients are cleared first.
            foreach (var p in Parameters)
                p.ZeroGrad();
            var value = Loss(inputs);
            value.Backward();
            return value;
        }

        public override HessianOperator<T> Hessian() => new(() => Loss([]), Parameters);
    }

    private sealed class Compiled : GradientStep<T>
    {
        private readonly CompiledFunction<T> _step;
        private readonly int _firstGradient;
        private CompiledHessian<T>? _hessian;

        public Compiled(IReadOnlyList<Tensor<T>> parameters, Func<Tensor<T>[], Tensor<T>> loss, Tensor<T>[] exampleInputs, bool returnsLoss)
            : base(parameters, loss)
        {
            _firstGradient = returnsLoss ? 1 : 0;
            _step = Compiler.Compile<T>(a =>
            {
                var value = Loss(a);
                var gradients = Autograd.Grad([value], Parameters);
                return returnsLoss ? [value, .. gradients] : gradients;
            });
            _step.Run(exampleInputs);
        }

        public override Tensor<T>? Run(params Tensor<T>[] inputs)
        {
            var outputs = _step.Run(inputs);
            // The plan's gradient outputs become the parameters' Grad: the optimizer reads them in place, no copy.
            for (int p = 0; p < Parameters.Count; p++)
                Parameters[p].Grad = outputs[_firstGradient + p];
            return _firstGradient == 1 ? outputs[0] : null;
        }

        public override HessianOperator<T> Hessian()
        {
            if (_hessian is null)
            {
                // One compiled HVP plan serves every point; it is traced on the first call (the untimed warm-up run).
                _hessian = new CompiledHessian<T>(() => Loss([]), Parameters);
            }
            return _hessian.At();
        }
    }
}
