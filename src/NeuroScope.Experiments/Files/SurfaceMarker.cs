namespace NeuroScope.Experiments.Files;

/// <summary>A named point of a <see cref="SurfaceFile"/> ("true parameters", "start", "found").</summary>
/// <param name="Name">The legend's text.</param>
/// <param name="X">Its x.</param>
/// <param name="Y">Its y.</param>
/// <param name="Z">Its height, or null to place it on each surface.</param>
public sealed record SurfaceMarker(string Name, double X, double Y, double? Z = null);
