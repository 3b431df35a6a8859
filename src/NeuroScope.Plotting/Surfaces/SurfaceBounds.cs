namespace NeuroScope.Plotting.Surfaces;

/// <summary>The data box a surface is drawn in: x and y of the floor, z the height.</summary>
public readonly record struct SurfaceBounds(double XMin, double XMax, double YMin, double YMax, double ZMin, double ZMax)
{
    /// <summary>Whether every bound is finite and each maximum exceeds its minimum.</summary>
    public bool IsValid =>
        double.IsFinite(XMin) && double.IsFinite(XMax) && double.IsFinite(YMin) && double.IsFinite(YMax) && double.IsFinite(ZMin) && double.IsFinite(ZMax)
        && XMax > XMin && YMax > YMin && ZMax > ZMin;
}
