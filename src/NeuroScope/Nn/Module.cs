using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>
/// A building block of a model, as PyTorch's <c>nn.Module</c>: it owns named parameters and named submodules,
/// and maps an input tensor to an output with <see cref="Forward"/>.
/// </summary>
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

    /// <summary>Calls <see cref="Forward"/>.</summary>
    public Tensor<T> Call(Tensor<T> input) => Forward(input);
}
