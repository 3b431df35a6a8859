using System.Numerics;

namespace NeuroScope.Diagnostics;

/// <summary>
/// The Hessian H = ∇²L(θ) of a scalar loss at the parameters' current values, as an operator v ↦ Hv computed
/// exactly by double backward (Pearlmutter 1994): the gradient g = ∇L is taken once with its graph recorded,
/// and each product is then one more backward pass, Hv = ∇(g·v).
/// </summary>
/// <remarks>
/// Build one per point (e.g. every few training steps) and multiply as often as needed: power iteration, Lanczos
/// and Hutchinson's estimator reuse the first-order graph instead of recomputing the loss and gradient for every
/// product. The graph refers to the parameters' storage, so changing the parameters in place afterwards makes the
/// operator stale: build a new one. Leaves' <see cref="Tensor{T}.Grad"/> are not touched.
/// </remarks>
public sealed class HessianOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] _parameters = [];
    private readonly Tensor<T> _flatGradient = null!;
    private readonly Func<Tensor<T>, Tensor<T>>? _product;

    /// <summary>Evaluates <paramref name="loss"/> once and records its gradient's graph with respect to <paramref name="parameters"/>.</summary>
    /// <param name="loss">Computes the scalar loss from the parameters with tensor operations (called once, with gradients recorded).</param>
    /// <param name="parameters">The tensors to differentiate with respect to; each must require grad. Vectors are flat over them, in this order.</param>
    public HessianOperator(Func<Tensor<T>> loss, IReadOnlyList<Tensor<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
            throw new ArgumentException("parameters is empty; the Hessian needs at least one parameter tensor.", nameof(parameters));
        Dimension = ParameterVector.TotalLength(parameters);
        for (int i = 0; i < parameters.Count; i++)
        {
            if (!parameters[i].RequiresGrad)
                throw new ArgumentException($"parameters[{i}] (shape {ShapeUtil.Format(parameters[i].Dims)}) does not require grad; the Hessian is taken only with respect to tensors that do.", nameof(parameters));
        }
        _parameters = [.. parameters];

        var value = loss();
        if (value is null || value.Length != 1)
            throw new ArgumentException($"loss must return a scalar, but it returned shape {(value is null ? "null" : ShapeUtil.Format(value.Dims))}.", nameof(loss));
        if (!value.RequiresGrad)
            throw new InvalidOperationException("The loss does not depend on the parameters through recorded operations; is it computed inside an Autograd.NoGrad() scope, or from detached copies?");
        Loss = value.Item();

        var gradients = Autograd.Grad([value], _parameters, null, createGraph: true);
        Gradient = ParameterVector.Flatten(gradients);
        var parts = new Tensor<T>[gradients.Length];
        for (int i = 0; i < parts.Length; i++)
            parts[i] = gradients[i].Reshape(gradients[i].Length);
        // One flat gradient node makes each product a single multiply, sum and backward pass.
        _flatGradient = parts.Length == 1 ? parts[0] : Tensor.Concat(parts);
    }

    // An operator whose products come from elsewhere (a compiled plan): the loss and gradient are given.
    internal HessianOperator(int dimension, T loss, Tensor<T> gradient, Func<Tensor<T>, Tensor<T>> product)
    {
        Dimension = dimension;
        Loss = loss;
        Gradient = gradient;
        _product = product;
    }

    /// <summary>The number n of parameter elements; H is n×n and vectors have n elements.</summary>
    public int Dimension { get; }

    /// <summary>The loss L(θ) at the point the operator was built.</summary>
    public T Loss { get; }

    /// <summary>The gradient ∇L(θ) at that point, as a flat vector (cut from the graph).</summary>
    public Tensor<T> Gradient { get; }

    /// <summary>The number of Hessian-vector products computed so far (each costs about one backward pass).</summary>
    public int ProductCount { get; private set; }

    /// <summary>The exact Hessian-vector product Hv = ∇(∇L·v), as a new flat vector of n elements (cut from the graph).</summary>
    /// <param name="vector">A flat vector over all parameters (n elements, in parameter order); treated as a constant.</param>
    public Tensor<T> Multiply(Tensor<T> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        ParameterVector.RequireLength(vector, Dimension, nameof(vector));
        return MultiplyCore(new Tensor<T>(vector.Data, [Dimension]));
    }

    /// <summary>Hv for a double-precision vector, for solvers that accumulate in double whatever <typeparamref name="T"/> is.</summary>
    internal double[] Multiply(double[] vector) => DenseVector.FromTensor(MultiplyCore(DenseVector.ToTensor<T>(vector)));

    private Tensor<T> MultiplyCore(Tensor<T> vector)
    {
        ProductCount++;
        if (_product is not null)
            return _product(vector);
        // A gradient that does not depend on the parameters (a loss linear in all of them) has H = 0.
        if (!_flatGradient.RequiresGrad)
            return new Tensor<T>(new T[Dimension], [Dimension]);
        var directional = (_flatGradient * vector).Sum();
        return ParameterVector.Flatten(Autograd.Grad([directional], _parameters));
    }
}
