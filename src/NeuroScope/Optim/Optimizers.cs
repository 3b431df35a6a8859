using System.Numerics;
using System.Reflection;
using System.Text.Json.Serialization;

namespace NeuroScope.Optim;

/// <summary>The one factory of the optimizers a program chooses by name: gd, momentum, adam (<see cref="OptimizerKind"/>).</summary>
public static class Optimizers
{
    private static readonly OptimizerKind[] All = Enum.GetValues<OptimizerKind>();

    /// <summary>The names <see cref="Parse"/> accepts, in declaration order: gd, momentum, adam.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(All, kind =>
        typeof(OptimizerKind).GetField(kind.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? kind.ToString().ToLowerInvariant());

    /// <summary>The short name of an optimizer (gd, momentum, adam), as options and config files spell it.</summary>
    public static string NameOf(OptimizerKind kind) => Enum.IsDefined(kind)
        ? Names[Array.IndexOf(All, kind)]
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown optimizer; known: {string.Join(", ", Names)}.");

    /// <summary>A new optimizer of <paramref name="kind"/> over <paramref name="parameters"/> with <paramref name="settings"/>.</summary>
    public static Optimizer<T> Create<T>(OptimizerKind kind, IEnumerable<Tensor<T>> parameters, OptimizerSettings settings)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(settings);
        return kind switch
        {
            OptimizerKind.GradientDescent => new GradientDescent<T>(parameters, settings.LearningRate),
            OptimizerKind.Momentum => new Sgd<T>(parameters, settings.LearningRate, settings.Momentum),
            OptimizerKind.Adam => new Adam<T>(parameters, settings.LearningRate, settings.Beta1, settings.Beta2),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown optimizer; known: {string.Join(", ", Names)}."),
        };
    }

    /// <summary>The optimizer called <paramref name="name"/> (gd, momentum, adam), ignoring case and surrounding spaces.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>; the message lists them.</exception>
    public static OptimizerKind Parse(string name) => TryParse(name, out var kind)
        ? kind
        : throw new ArgumentException($"Unknown optimizer '{name}'; known: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>Parses like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string? name, out OptimizerKind kind)
    {
        string trimmed = name?.Trim() ?? "";
        for (int i = 0; i < All.Length; i++)
        {
            if (string.Equals(Names[i], trimmed, StringComparison.OrdinalIgnoreCase))
            {
                kind = All[i];
                return true;
            }
        }
        kind = default;
        return false;
    }
}
