using NeuroScope.Nn;

namespace NeuroScope.Experiments.Fit;

/// <summary>One data loss a fit can train with, as an entry of the registry below (<see cref="All"/>): its name, a description and the loss itself.</summary>
public sealed class FitLoss
{
    /// <summary>The registry key, e.g. <c>mse</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What it measures, for help texts.</summary>
    public required string Description { get; init; }

    /// <summary>The loss of predictions against targets of the same shape, a scalar tensor.</summary>
    public required Func<Tensor<double>, Tensor<double>, Tensor<double>> Compute { get; init; }

    /// <summary>Mean squared error (<see cref="Losses.Mse{T}"/>).</summary>
    public static FitLoss Mse { get; } = new()
    {
        Name = "mse", Description = "mean squared error", Compute = static (p, t) => Losses.Mse(p, t),
    };

    /// <summary>Mean absolute error (<see cref="Losses.L1{T}"/>).</summary>
    public static FitLoss L1 { get; } = new()
    {
        Name = "l1", Description = "mean absolute error", Compute = static (p, t) => Losses.L1(p, t),
    };

    /// <summary>Huber loss with δ = 1 (<see cref="Losses.Huber{T}"/>): quadratic for errors under 1, linear beyond, so outliers pull less than under MSE.</summary>
    public static FitLoss Huber { get; } = new()
    {
        Name = "huber", Description = "Huber loss (delta 1): squared for small errors, absolute for large ones", Compute = static (p, t) => Losses.Huber(p, t),
    };

    /// <summary>Every data loss, in the order they are listed.</summary>
    public static IReadOnlyList<FitLoss> All { get; } = [Mse, L1, Huber];

    /// <summary>The names of <see cref="All"/>: mse, l1, huber.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(l => l.Name)];

    /// <summary>The loss called <paramref name="name"/> (case ignored), or null.</summary>
    public static FitLoss? Find(string? name) => All.FirstOrDefault(l => string.Equals(l.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The loss called <paramref name="name"/>; throws an <see cref="ArgumentException"/> listing the known names.</summary>
    public static FitLoss Get(string name) => Find(name)
        ?? throw new ArgumentException($"loss '{name}' is not known; allowed: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>The registry key.</summary>
    public override string ToString() => Name;
}
