using System.Numerics;

namespace NeuroScope.Optim;

/// <summary>
/// Updates parameters from their gradients, as PyTorch's <c>torch.optim.Optimizer</c>: <see cref="Step"/> applies
/// one update in place (outside the graph), <see cref="ZeroGrad"/> clears the gradients. Parameters that do not
/// require grad, or have no gradient yet, are skipped.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] _parameters;
    private T[]? _scratch;

    /// <summary>Creates an optimizer over <paramref name="parameters"/> (at least one, each once) with a positive, finite learning rate.</summary>
    protected Optimizer(IEnumerable<Tensor<T>> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
        if (_parameters.Length == 0)
            throw new ArgumentException("The optimizer got an empty parameter list; pass at least one parameter.", nameof(parameters));
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i] is null)
                throw new ArgumentException($"Parameter {i} is null.", nameof(parameters));
            // A parameter listed twice would be updated twice per step with one set of buffers.
            for (int j = 0; j < i; j++)
                if (ReferenceEquals(_parameters[i], _parameters[j]))
                    throw new ArgumentException($"Parameters {j} and {i} are the same tensor; list each parameter once.", nameof(parameters));
        }
        if (!(learningRate > 0 && double.IsFinite(learningRate)))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, $"learningRate = {learningRate} is not allowed; it must be a positive, finite number.");
        LearningRate = learningRate;
    }

    /// <summary>The parameters this optimizer updates, in order.</summary>
    public IReadOnlyList<Tensor<T>> Parameters => _parameters;

    /// <summary>The step size; schedules and the learning-rate finder change it between steps.</summary>
    public double LearningRate
    {
        get;
        set => field = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, $"LearningRate = {value} is not allowed; it must be a positive, finite number.");
    }

    /// <summary>How many steps have been taken.</summary>
    public int StepCount { get; protected set; }

    /// <summary>The name stored in <see cref="OptimizerState.Kind"/> and checked on load: the class name without its type argument ("Sgd", "Adam", …).</summary>
    public virtual string Kind
    {
        get
        {
            string name = GetType().Name;
            int arity = name.IndexOf('`');
            return arity < 0 ? name : name[..arity];
        }
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public abstract void Step();

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
            p.ZeroGrad();
    }

    /// <summary>A deep copy of the optimizer's state (learning rate, step count, settings, per-parameter buffers).</summary>
    public abstract OptimizerState SaveState();

    /// <summary>Restores a state saved by <see cref="SaveState"/> from an optimizer of the same kind and parameter shapes.</summary>
    public abstract void LoadState(OptimizerState state);

    /// <summary>The gradient of parameter <paramref name="index"/> as a span, or empty when the parameter is frozen or has no gradient yet.</summary>
    protected ReadOnlySpan<T> GradientOf(int index)
    {
        var p = _parameters[index];
        if (!p.RequiresGrad || p.Grad is null)
            return default;
        if (p.Grad.Length != p.Length)
            throw new InvalidOperationException(
                $"Parameter {index} has shape {ShapeUtil.Format(p.Dims)} but its gradient has shape {ShapeUtil.Format(p.Grad.Dims)}.");
        return p.Grad.AsSpan();
    }

    /// <summary>A scratch span of <paramref name="length"/> elements, shared by all parameters and allocated once (sized for the largest parameter).</summary>
    protected Span<T> Scratch(int length)
    {
        if (_scratch is null)
        {
            int largest = 0;
            foreach (var p in _parameters)
                largest = Math.Max(largest, p.Length);
            _scratch = new T[largest];
        }
        return _scratch.AsSpan(0, length);
    }

    /// <summary>Packs this optimizer's kind, learning rate, step count and parameter shapes with the given settings and buffers.</summary>
    protected OptimizerState CreateState(IReadOnlyDictionary<string, double> settings, IReadOnlyDictionary<string, double[]> buffers)
    {
        var shapes = new int[_parameters.Length][];
        for (int i = 0; i < shapes.Length; i++)
            shapes[i] = (int[])_parameters[i].Dims.Clone();
        return new OptimizerState(Kind, LearningRate, StepCount, buffers) { Settings = settings, ParameterShapes = shapes };
    }

    /// <summary>
    /// Checks that <paramref name="state"/> was saved by an optimizer of this kind over parameters of the same shapes,
    /// then restores the learning rate and step count; throws naming the mismatch otherwise.
    /// </summary>
    protected void RestoreCommonState(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Kind != Kind)
            throw new ArgumentException($"The state was saved by {state.Kind} and cannot be loaded into {Kind}; the optimizer kinds must match.", nameof(state));
        if (state.ParameterShapes.Count != _parameters.Length)
            throw new ArgumentException(
                $"The state was saved for {state.ParameterShapes.Count} parameters, but this optimizer has {_parameters.Length}.", nameof(state));
        for (int i = 0; i < _parameters.Length; i++)
            if (!_parameters[i].Dims.AsSpan().SequenceEqual(state.ParameterShapes[i]))
                throw new ArgumentException(
                    $"Parameter {i} has shape {ShapeUtil.Format(_parameters[i].Dims)}, but the state was saved for shape {ShapeUtil.Format(state.ParameterShapes[i])}.", nameof(state));
        if (state.StepCount < 0)
            throw new ArgumentException($"The state's StepCount = {state.StepCount} is not allowed; it must be at least 0.", nameof(state));
        LearningRate = state.LearningRate;
        StepCount = state.StepCount;
    }

    /// <summary>Copies buffer <paramref name="name"/> of the state into a new array of <typeparamref name="T"/>, or null when the state has none.</summary>
    protected static T[]? ReadBuffer(OptimizerState state, string name, int length)
    {
        if (!state.Buffers.TryGetValue(name, out var values))
            return null;
        if (values.Length != length)
            throw new ArgumentException($"The state's buffer '{name}' has {values.Length} elements; {length} are needed.", nameof(state));
        var copy = new T[length];
        for (int i = 0; i < length; i++)
            copy[i] = T.CreateTruncating(values[i]);
        return copy;
    }

    /// <summary>A double copy of a buffer, for saving.</summary>
    protected static double[] WriteBuffer(ReadOnlySpan<T> values)
    {
        var copy = new double[values.Length];
        for (int i = 0; i < copy.Length; i++)
            copy[i] = double.CreateTruncating(values[i]);
        return copy;
    }

    /// <summary>The setting <paramref name="name"/> of the state, or <paramref name="fallback"/> when it was not saved.</summary>
    protected static double ReadSetting(OptimizerState state, string name, double fallback) =>
        state.Settings.TryGetValue(name, out double value) ? value : fallback;
}
