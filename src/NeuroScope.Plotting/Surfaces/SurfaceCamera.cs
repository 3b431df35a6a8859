namespace NeuroScope.Plotting.Surfaces;

/// <summary>Where a 3-D surface is seen from.</summary>
/// <param name="AzimuthDegrees">Turn about the vertical axis: 0 looks along +y (x to the right), positive turns the scene clockwise seen from above.</param>
/// <param name="ElevationDegrees">Height of the eye above the floor plane: 0 looks level, 90 looks straight down.</param>
/// <param name="Distance">Eye distance in half-widths of the box for a perspective view; <see cref="double.PositiveInfinity"/> for an orthographic one.</param>
public sealed record SurfaceCamera(double AzimuthDegrees = 35, double ElevationDegrees = 30, double Distance = 6)
{
    /// <summary>The default view: from the front left, 30° above the floor, with mild perspective.</summary>
    public static SurfaceCamera Default { get; } = new();
}
