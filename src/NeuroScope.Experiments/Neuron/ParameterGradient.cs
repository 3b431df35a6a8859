using System.Globalization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>The gradient of a loss with respect to some named LIF parameters, and the loss where it was taken.</summary>
/// <param name="Names">The parameter names, in order.</param>
/// <param name="Values">∂L/∂θᵢ for each name.</param>
/// <param name="Loss">The loss at the point.</param>
public sealed record ParameterGradient(IReadOnlyList<string> Names, double[] Values, double Loss)
{
    /// <summary>∂L/∂θ for the parameter called <paramref name="name"/>.</summary>
    public double this[string name]
    {
        get
        {
            for (int i = 0; i < Names.Count; i++)
                if (Names[i] == name)
                    return Values[i];
            throw new ArgumentException($"The gradient has no entry for '{name}'; it has {string.Join(", ", Names)}.", nameof(name));
        }
    }

    /// <summary>The Euclidean norm ‖g‖.</summary>
    public double Norm
    {
        get
        {
            double sum = 0;
            foreach (double v in Values)
                sum += v * v;
            return Math.Sqrt(sum);
        }
    }

    /// <summary>The gradient as "name=value" pairs.</summary>
    public override string ToString()
    {
        var parts = new string[Names.Count];
        for (int i = 0; i < parts.Length; i++)
            parts[i] = Names[i] + "=" + Values[i].ToString("G6", CultureInfo.InvariantCulture);
        return string.Join(" ", parts);
    }
}
