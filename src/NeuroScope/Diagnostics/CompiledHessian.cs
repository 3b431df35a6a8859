using System.Numerics;
using NeuroScope.Compile;

namespace NeuroScope.Diagnostics;

/// <summary>
/// Hessian-vector products of a loss replayed from a compiled plan: Hv = ∇(∇L·v) by the same double backward as
/// <see cref="HessianOperator{T}"/>, with the same bits, but without building a graph or allocating per product.
/// The plan reads the parameters in place, so one instance serves every point of a training run: call
/// <see cref="At"/> after each update.
/// </summary>
public sealed class CompiledHessian<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly CompiledFunction<T> _plan;
    private readonly Tensor<T>[] _vector = new Tensor<T>[1];

    /// <summary>Compiles the loss's gradient and Hessian-vector product with respect to <paramref name="parameters"/> (each must require grad).</summary>
    /// <param name="loss">Computes the scalar loss from the parameters with tensor operations; it is traced, so it must not read values.</param>
    /// <param name="parameters">The tensors to differentiate with respect to; vectors are flat over them, in this order.</param>
    public CompiledHessian(Func<Tensor<T>> loss, IReadOnlyList<Tensor<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
            throw new ArgumentException("parameters is empty; the Hessian needs at least one parameter tensor.", nameof(parameters));
        for (int i = 0; i < parameters.Count; i++)
        {
            if (!parameters[i].RequiresGrad)
                throw new ArgumentException($"parameters[{i}] (shape {ShapeUtil.Format(parameters[i].Dims)}) does not require grad; the Hessian is taken only with respect to tensors that do.", nameof(parameters));
        }
        var captured = parameters.ToArray();
        Dimension = ParameterVector.TotalLength(captured);
        _vector[0] = Tensor.Zeros<T>(Dimension);
        // One plan: the loss and gradient read no input, so they run once per point (At); each product runs only
        // the part that reads the vector, on the kept first-order values, as HessianOperator reuses its graph.
        _plan = Compiler.Compile<T>(inputs =>
        {
            var value = loss();
            if (value is null || value.Length != 1)
                throw new ArgumentException($"loss must return a scalar, but it returned shape {(value is null ? "null" : ShapeUtil.Format(value.Dims))}.", nameof(loss));
            if (!value.RequiresGrad)
                throw new InvalidOperationException("The loss does not depend on the parameters through recorded operations; is it computed inside an Autograd.NoGrad() scope, or from detached copies?");
            var flat = Flat(Autograd.Grad([value], captured, null, createGraph: true));
            if (!flat.RequiresGrad)
                return [Tensor.Zeros<T>(Dimension), value, flat];
            var directional = (flat * inputs[0]).Sum();
            return [Flat(Autograd.Grad([directional], captured)), value, flat];
        }, new CompileOptions { HoistInputFree = true });
    }

    /// <summary>The number n of parameter elements.</summary>
    public int Dimension { get; }

    /// <summary>The Hessian at the parameters' current values, as an operator whose products replay the compiled plan.</summary>
    /// <remarks>The operator is valid until the parameters change or <see cref="At"/> is called again.</remarks>
    public HessianOperator<T> At()
    {
        var outputs = _plan.Prepare(_vector);
        return new HessianOperator<T>(Dimension, outputs[1].Item(), outputs[2].Clone(), Multiply);
    }

    private Tensor<T> Multiply(Tensor<T> vector)
    {
        _vector[0] = vector;
        return _plan.RunPrepared(_vector)[0].Clone();
    }

    // The same flattening as HessianOperator: one Concat of the reshaped gradients.
    private static Tensor<T> Flat(Tensor<T>[] gradients)
    {
        var parts = new Tensor<T>[gradients.Length];
        for (int i = 0; i < parts.Length; i++)
            parts[i] = gradients[i].Reshape(gradients[i].Length);
        return parts.Length == 1 ? parts[0] : Tensor.Concat(parts);
    }
}
