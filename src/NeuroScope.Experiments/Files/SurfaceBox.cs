namespace NeuroScope.Experiments.Files;

/// <summary>The training box of a <see cref="SurfaceFile"/>, outlined on every surface.</summary>
public sealed record SurfaceBox(double X0, double X1, double Y0, double Y1);
