namespace NeuroScope.Experiments.Files;

/// <summary>One surface of a <see cref="SurfaceFile"/>: Z[row][column] is its height at (x[column], y[row]); null where undefined.</summary>
/// <param name="Name">The panel's title ("prediction", "target").</param>
/// <param name="Z">The heights, row by row.</param>
public sealed record SurfaceGrid(string Name, double?[][] Z);
