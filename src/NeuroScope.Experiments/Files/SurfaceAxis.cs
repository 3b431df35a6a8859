namespace NeuroScope.Experiments.Files;

/// <summary>An axis of a <see cref="SurfaceFile"/>: its label and, for x and y, its grid values in increasing order.</summary>
/// <param name="Label">The axis title, with its unit where it has one.</param>
/// <param name="Values">The grid values; null for the height axis.</param>
public sealed record SurfaceAxis(string Label, double[]? Values = null);
