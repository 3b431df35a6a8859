using System.Numerics;
using System.Text;

namespace NeuroScope.Nn;

/// <summary>
/// A building block of a model, as PyTorch's <c>nn.Module</c>: it owns named parameters and named submodules,
/// and maps an input tensor to an output with <see cref="Forward"/>.
/// </summary>
/// <remarks>
/// Parameters are ordered depth first (a module's own, in registration order, then each submodule's), and every
/// whole-model operation here uses that one order: <see cref="NamedParameters"/>, <see cref="ParametersToVector"/>,
/// <see cref="VectorToParameters"/>, <see cref="State"/> and <see cref="LoadState"/>.
/// </remarks>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(string Name, Tensor<T> Value)> _parameters = [];
    private readonly List<(string Name, Module<T> Module)> _modules = [];

    /// <summary>Computes the module's output.</summary>
    public abstract Tensor<T> Forward(Tensor<T> input);

    /// <summary>Registers a parameter under <paramref name="name"/>; it requires grad unless frozen later.</summary>
    protected Tensor<T> RegisterParameter(string name, Tensor<T> value)
    {
        if (_parameters.Exists(p => p.Name == name))
            throw new ArgumentException($"A parameter named '{name}' is already registered.", nameof(name));
        value.RequiresGrad = true;
        _parameters.Add((name, value));
        return value;
    }

    /// <summary>Registers a submodule under <paramref name="name"/>; its parameters are listed as "name.param".</summary>
    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module<T>
    {
        if (_modules.Exists(m => m.Name == name))
            throw new ArgumentException($"A submodule named '{name}' is already registered.", nameof(name));
        _modules.Add((name, module));
        return module;
    }

    /// <summary>Every parameter of this module and its submodules, depth first, with dotted names ("0.weight").</summary>
    public IEnumerable<(string Name, Tensor<T> Value)> NamedParameters()
    {
        foreach (var p in _parameters)
            yield return p;
        foreach (var (prefix, module) in _modules)
            foreach (var (name, value) in module.NamedParameters())
                yield return (prefix + "." + name, value);
    }

    /// <summary>Every parameter, frozen ones included (optimizers skip those that do not require grad).</summary>
    public IEnumerable<Tensor<T>> Parameters()
    {
        foreach (var (_, value) in NamedParameters())
            yield return value;
    }

    /// <summary>The direct submodules with their names.</summary>
    public IEnumerable<(string Name, Module<T> Module)> NamedChildren() => _modules;

    /// <summary>The parameter called <paramref name="name"/> (dotted for submodules).</summary>
    public Tensor<T> Parameter(string name)
    {
        foreach (var (n, value) in NamedParameters())
            if (n == name)
                return value;
        throw new ArgumentException($"No parameter named '{name}'; known: {string.Join(", ", NamedParameters().Select(p => p.Name))}.", nameof(name));
    }

    /// <summary>Stops a parameter from receiving gradients (and so from being updated).</summary>
    public void Freeze(string name) => Parameter(name).RequiresGrad = false;

    /// <summary>Lets a frozen parameter receive gradients again.</summary>
    public void Unfreeze(string name) => Parameter(name).RequiresGrad = true;

    /// <summary>Clears the gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
            p.ZeroGrad();
    }

    /// <summary>The total number of parameter elements, Σ over parameters of their lengths (frozen ones included).</summary>
    public int ParameterCount
    {
        get
        {
            int count = 0;
            foreach (var p in Parameters())
                count += p.Length;
            return count;
        }
    }

    /// <summary>
    /// A new vector holding every parameter's values, concatenated in <see cref="NamedParameters"/> order
    /// (frozen ones included), cut from the graph (as PyTorch's <c>parameters_to_vector</c>).
    /// </summary>
    public Tensor<T> ParametersToVector() => Diagnostics.ParameterVector.Flatten([.. Parameters()]);

    /// <summary>
    /// A new vector holding every parameter's gradient in <see cref="ParametersToVector"/> order, with zeros for
    /// parameters that have no gradient (frozen, or not reached by a backward pass).
    /// </summary>
    public Tensor<T> GradientsToVector()
    {
        var vector = Tensor.Zeros<T>(ParameterCount);
        var target = vector.AsSpan();
        int offset = 0;
        foreach (var p in Parameters())
        {
            p.Grad?.AsSpan().CopyTo(target[offset..]);
            offset += p.Length;
        }
        return vector;
    }

    /// <summary>
    /// Writes <paramref name="vector"/>'s values into the parameters in place, in <see cref="ParametersToVector"/>
    /// order (the inverse of that method, as PyTorch's <c>vector_to_parameters</c>); the writes bypass the graph.
    /// </summary>
    /// <param name="vector">Exactly <see cref="ParameterCount"/> values, read in row-major order.</param>
    public void VectorToParameters(Tensor<T> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        int count = ParameterCount;
        if (vector.Length != count)
            throw new ArgumentException(
                $"VectorToParameters: the vector has {vector.Length} values (shape {ShapeUtil.Format(vector.Shape)}) but this {DisplayName} has {count} parameter values.",
                nameof(vector));
        ReadOnlySpan<T> source = vector.AsSpan();
        int offset = 0;
        foreach (var p in Parameters())
        {
            source.Slice(offset, p.Length).CopyTo(p.AsSpan());
            offset += p.Length;
        }
    }

    /// <summary>
    /// A copy of every parameter, by name, in <see cref="NamedParameters"/> order (frozen ones included), cut from the
    /// graph: the model's state without any file or stream, as PyTorch's <c>state_dict</c>. Checkpoint files are
    /// written from it and read back through <see cref="LoadState"/>.
    /// </summary>
    public OrderedDictionary<string, Tensor<T>> State()
    {
        var state = new OrderedDictionary<string, Tensor<T>>();
        foreach (var (name, value) in NamedParameters())
            state.Add(name, value.Clone());
        return state;
    }

    /// <summary>
    /// Copies <paramref name="state"/>'s values into the parameters in place (the inverse of <see cref="State"/>);
    /// its names, order, shapes and count must match this module's exactly, and everything is checked before anything
    /// is written, so a mismatch leaves the module untouched.
    /// </summary>
    /// <param name="state">Named values in <see cref="NamedParameters"/> order.</param>
    /// <param name="source">How messages name where the state came from (a file's path, say).</param>
    /// <exception cref="InvalidOperationException">The state comes from a different architecture; the message names the first mismatch.</exception>
    public void LoadState(IEnumerable<KeyValuePair<string, Tensor<T>>> state, string source = "the state")
    {
        ArgumentNullException.ThrowIfNull(state);
        var saved = new List<KeyValuePair<string, Tensor<T>>>(state);
        var parameters = new List<(string Name, Tensor<T> Value)>(NamedParameters());

        int common = Math.Min(saved.Count, parameters.Count);
        for (int i = 0; i < common; i++)
        {
            var (name, values) = (saved[i].Key, saved[i].Value);
            var (expectedName, expected) = parameters[i];
            if (name != expectedName)
                throw new InvalidOperationException(
                    $"Load: parameter #{i} is '{name}' in {source} but '{expectedName}' in this {DisplayName}; it was saved from a different architecture.");
            if (!expected.Shape.SequenceEqual(values.Shape))
                throw new InvalidOperationException(
                    $"Load: parameter '{name}' has shape {ShapeUtil.Format(values.Shape)} in {source} but {ShapeUtil.Format(expected.Shape)} in this {DisplayName}.");
        }
        if (saved.Count != parameters.Count)
        {
            string first = saved.Count > parameters.Count
                ? $"the first extra one in {source} is '{saved[common].Key}'"
                : $"the first one missing from {source} is '{parameters[common].Name}'";
            throw new InvalidOperationException(
                $"Load: {source} holds {saved.Count} parameters but this {DisplayName} has {parameters.Count}; {first}.");
        }

        for (int i = 0; i < parameters.Count; i++)
            saved[i].Value.AsSpan().CopyTo(parameters[i].Value.AsSpan());
    }

    /// <summary>A one-line description of this module's own settings, shown by <see cref="ToString"/> (empty by default).</summary>
    protected virtual string Describe() => "";

    /// <summary>The module tree in PyTorch's style: the type, its settings, and each named child indented below it.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendTo(text, indent: 0);
        return text.ToString();
    }

    private void AppendTo(StringBuilder text, int indent)
    {
        text.Append(DisplayName).Append('(').Append(Describe());
        if (_modules.Count > 0)
        {
            text.Append('\n');
            foreach (var (name, module) in _modules)
            {
                text.Append(' ', indent + 2).Append('(').Append(name).Append("): ");
                module.AppendTo(text, indent + 2);
                text.Append('\n');
            }
            text.Append(' ', indent);
        }
        text.Append(')');
    }

    // The type's name without the generic arity suffix: "Linear", not "Linear`1".
    private string DisplayName
    {
        get
        {
            string name = GetType().Name;
            int tick = name.IndexOf('`');
            return tick < 0 ? name : name[..tick];
        }
    }
}
