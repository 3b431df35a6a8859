using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>Creates the module for an <see cref="Activation"/> and parses activation names ("tanh", "ReLU", …).</summary>
public static class Activations
{
    private static readonly Activation[] All = Enum.GetValues<Activation>();

    /// <summary>The lowercase names <see cref="Parse"/> accepts, in declaration order: tanh, relu, sigmoid, softplus, identity.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(All, a => a.ToString().ToLowerInvariant());

    /// <summary>A new module applying <paramref name="activation"/> element-wise.</summary>
    public static Module<T> Create<T>(Activation activation) where T : unmanaged, IFloatingPointIeee754<T> => activation switch
    {
        Activation.Tanh => new Tanh<T>(),
        Activation.Relu => new Relu<T>(),
        Activation.Sigmoid => new Sigmoid<T>(),
        Activation.Softplus => new Softplus<T>(),
        Activation.Identity => new Identity<T>(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Unknown activation; known: {string.Join(", ", Names)}."),
    };

    /// <summary>The activation called <paramref name="name"/>, ignoring case and surrounding spaces.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>; the message lists them.</exception>
    public static Activation Parse(string name)
    {
        if (TryParse(name, out var activation))
            return activation;
        throw new ArgumentException($"Unknown activation '{name}'; known: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Parses like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string? name, out Activation activation)
    {
        // Enum.TryParse would also accept numbers ("3") and comma lists; only the names are meant.
        string trimmed = name?.Trim() ?? "";
        for (int i = 0; i < All.Length; i++)
        {
            if (string.Equals(Names[i], trimmed, StringComparison.OrdinalIgnoreCase))
            {
                activation = All[i];
                return true;
            }
        }
        activation = default;
        return false;
    }
}
