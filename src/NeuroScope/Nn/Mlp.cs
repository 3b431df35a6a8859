using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>
/// A multilayer perceptron: <see cref="Linear{T}"/> layers of widths inputs → hidden… → outputs with the activation
/// between them and none after the last, as a <see cref="Sequential{T}"/> (so parameters are "0.weight", "0.bias",
/// "2.weight", …).
/// </summary>
public sealed class Mlp<T> : Sequential<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Builds the network, drawing every layer's PyTorch-default initial values from <paramref name="random"/> in order.</summary>
    /// <param name="inputs">The number of input features, at least 1.</param>
    /// <param name="hiddenWidths">The width of each hidden layer (each at least 1); empty for a single linear layer.</param>
    /// <param name="outputs">The number of outputs, at least 1.</param>
    /// <param name="activation">The nonlinearity after every layer but the last.</param>
    /// <param name="random">The generator that seeds the initial values (the shared generator when null).</param>
    public Mlp(int inputs, IReadOnlyList<int> hiddenWidths, int outputs, Activation activation = Activation.Tanh, Random? random = null)
        : base(BuildLayers(inputs, hiddenWidths, outputs, activation, random ?? Random.Shared))
    {
        Inputs = inputs;
        HiddenWidths = [.. hiddenWidths];
        Outputs = outputs;
        Activation = activation;
        var layers = new Linear<T>[HiddenWidths.Count + 1];
        for (int i = 0; i < layers.Length; i++)
            layers[i] = (Linear<T>)this[2 * i];
        Layers = layers;
    }

    /// <summary>The number of input features.</summary>
    public int Inputs { get; }

    /// <summary>The widths of the hidden layers.</summary>
    public IReadOnlyList<int> HiddenWidths { get; }

    /// <summary>The number of outputs.</summary>
    public int Outputs { get; }

    /// <summary>The nonlinearity between layers.</summary>
    public Activation Activation { get; }

    /// <summary>The linear layers, first to last.</summary>
    public IReadOnlyList<Linear<T>> Layers { get; }

    private static Module<T>[] BuildLayers(int inputs, IReadOnlyList<int> hiddenWidths, int outputs, Activation activation, Random random)
    {
        ArgumentNullException.ThrowIfNull(hiddenWidths);
        if (inputs < 1)
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "Mlp: inputs must be at least 1.");
        if (outputs < 1)
            throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "Mlp: outputs must be at least 1.");
        for (int i = 0; i < hiddenWidths.Count; i++)
            if (hiddenWidths[i] < 1)
                throw new ArgumentOutOfRangeException(nameof(hiddenWidths), hiddenWidths[i], $"Mlp: hidden width {i} is {hiddenWidths[i]}; every width must be at least 1.");
        if (!Enum.IsDefined(activation))
            throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Mlp: unknown activation; known: {string.Join(", ", Activations.Names)}.");

        var modules = new List<Module<T>>(2 * hiddenWidths.Count + 1);
        int width = inputs;
        foreach (int hidden in hiddenWidths)
        {
            modules.Add(new Linear<T>(width, hidden, bias: true, random));
            modules.Add(Activations.Create<T>(activation));
            width = hidden;
        }
        modules.Add(new Linear<T>(width, outputs, bias: true, random));
        return [.. modules];
    }
}
