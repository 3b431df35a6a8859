using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>A chain of modules applied in order, y = fₙ(…f₁(f₀(x))), with children named "0", "1", … (PyTorch's <c>nn.Sequential</c>).</summary>
public class Sequential<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T>[] _layers;

    /// <summary>Chains <paramref name="modules"/>; an empty chain is the identity.</summary>
    public Sequential(params Module<T>[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        _layers = (Module<T>[])modules.Clone();
        for (int i = 0; i < _layers.Length; i++)
        {
            if (_layers[i] is null)
                throw new ArgumentNullException(nameof(modules), $"Sequential: module {i} is null.");
            RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _layers[i]);
        }
    }

    /// <summary>The number of modules in the chain.</summary>
    public int Count => _layers.Length;

    /// <summary>The module at position <paramref name="index"/>.</summary>
    public Module<T> this[int index] => _layers[index];

    /// <summary>Applies each module to the previous one's output.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        var x = input;
        foreach (var layer in _layers)
            x = layer.Forward(x);
        return x;
    }
}
