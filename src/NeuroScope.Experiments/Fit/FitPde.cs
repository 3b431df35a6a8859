namespace NeuroScope.Experiments.Fit;

/// <summary>
/// One PDE a fit can learn the solution of, as an entry of the registry below (<see cref="All"/>): its name, its input
/// dimension, its equation, its residual given the Laplacian, and, for a 1-D equation of the form u'' + k²u = g, the k²
/// of the finite-difference reference solution.
/// </summary>
public sealed class FitPde
{
    /// <summary>The registry key, e.g. <c>poisson1d</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The number of inputs of u: 1 or 2.</summary>
    public required int Dimension { get; init; }

    /// <summary>The equation as text, e.g. "u'' = g".</summary>
    public required string Equation { get; init; }

    /// <summary>The residual at each point from the Laplacian of u, u, g and the wavenumber k, shape [m, 1].</summary>
    public required Func<Tensor<double>, Tensor<double>, Tensor<double>, double, Tensor<double>> Residual { get; init; }

    /// <summary>k² of u'' + k²u = g as a function of the wavenumber k, for the 1-D reference solution; null when the equation has none.</summary>
    public Func<double, double>? ReferenceWavenumberSquared { get; init; }

    /// <summary>u'' = g on an interval.</summary>
    public static FitPde Poisson1d { get; } = new()
    {
        Name = "poisson1d", Dimension = 1, Equation = "u'' = g",
        Residual = static (laplacian, _, rhs, _) => laplacian - rhs,
        ReferenceWavenumberSquared = static _ => 0,
    };

    /// <summary>u'' + k²u = g on an interval.</summary>
    public static FitPde Helmholtz1d { get; } = new()
    {
        Name = "helmholtz1d", Dimension = 1, Equation = "u'' + k^2 u = g",
        Residual = static (laplacian, u, rhs, k) => laplacian - rhs + u * (k * k),
        ReferenceWavenumberSquared = static k => k * k,
    };

    /// <summary>u_xx + u_yy = g on a rectangle.</summary>
    public static FitPde Poisson2d { get; } = new()
    {
        Name = "poisson2d", Dimension = 2, Equation = "u_xx + u_yy = g",
        Residual = static (laplacian, _, rhs, _) => laplacian - rhs,
    };

    /// <summary>Every PDE, in the order they are listed.</summary>
    public static IReadOnlyList<FitPde> All { get; } = [Poisson1d, Helmholtz1d, Poisson2d];

    /// <summary>The names of <see cref="All"/>: poisson1d, helmholtz1d, poisson2d.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    /// <summary>The PDE called <paramref name="name"/> (case ignored), or null.</summary>
    public static FitPde? Find(string? name) => All.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The PDE called <paramref name="name"/>; throws an <see cref="ArgumentException"/> listing the known names.</summary>
    public static FitPde Get(string name) => Find(name)
        ?? throw new ArgumentException($"pde '{name}' is not known; allowed: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>The registry key.</summary>
    public override string ToString() => Name;
}
