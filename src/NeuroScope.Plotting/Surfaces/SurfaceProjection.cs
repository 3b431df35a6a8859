using SkiaSharp;

namespace NeuroScope.Plotting.Surfaces;

/// <summary>
/// Projects data points (x, y, z) of a <see cref="SurfaceBounds"/> box onto a pixel rectangle. The box is scaled to a
/// cube of half-width 1 (z to half-height <see cref="HeightRatio"/>), turned by the camera's azimuth about the vertical
/// axis, tilted by its elevation, optionally put in perspective (scale D / (D + depth)), and fitted into the rectangle so
/// the whole box shows.
/// </summary>
public sealed class SurfaceProjection
{
    /// <summary>The box's height as a fraction of its width.</summary>
    public const double HeightRatio = 0.62;

    private readonly SurfaceBounds _bounds;
    private readonly double _cosAzimuth, _sinAzimuth, _cosElevation, _sinElevation, _distance;
    private readonly double _scale, _centerX, _centerY, _midU, _midS;

    /// <summary>A projection of <paramref name="bounds"/> seen by <paramref name="camera"/>, fitted into <paramref name="rect"/>.</summary>
    public SurfaceProjection(SKRect rect, SurfaceBounds bounds, SurfaceCamera camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        if (!bounds.IsValid)
            throw new ArgumentException($"The surface bounds {bounds} must be finite with each maximum above its minimum.", nameof(bounds));
        if (!(camera.Distance > 1.5))
            throw new ArgumentOutOfRangeException(nameof(camera), camera.Distance, "The camera distance must exceed 1.5 half-widths (or be infinite for an orthographic view).");
        _bounds = bounds;
        double azimuth = camera.AzimuthDegrees * Math.PI / 180, elevation = camera.ElevationDegrees * Math.PI / 180;
        (_sinAzimuth, _cosAzimuth) = Math.SinCos(azimuth);
        (_sinElevation, _cosElevation) = Math.SinCos(elevation);
        _distance = camera.Distance;
        Rect = rect;

        double uMin = double.PositiveInfinity, uMax = double.NegativeInfinity, sMin = double.PositiveInfinity, sMax = double.NegativeInfinity;
        foreach (double x in (double[])[-1, 1])
            foreach (double y in (double[])[-1, 1])
                foreach (double z in (double[])[-HeightRatio, HeightRatio])
                {
                    var (u, s, _) = View(x, y, z);
                    uMin = Math.Min(uMin, u);
                    uMax = Math.Max(uMax, u);
                    sMin = Math.Min(sMin, s);
                    sMax = Math.Max(sMax, s);
                }
        _scale = Math.Min(rect.Width / (uMax - uMin), rect.Height / (sMax - sMin));
        _midU = (uMin + uMax) / 2;
        _midS = (sMin + sMax) / 2;
        _centerX = rect.MidX;
        _centerY = rect.MidY;
    }

    /// <summary>The rectangle the box is fitted into.</summary>
    public SKRect Rect { get; }

    /// <summary>The pixel position of data point (x, y, z).</summary>
    public SKPoint Project(double x, double y, double z)
    {
        var (u, s, _) = View(NormalX(x), NormalY(y), NormalZ(z));
        return new SKPoint((float)(_centerX + (u - _midU) * _scale), (float)(_centerY - (s - _midS) * _scale));
    }

    /// <summary>How far data point (x, y, z) lies from the eye along the view direction: larger is farther, so it is drawn first.</summary>
    public double Depth(double x, double y, double z) => Depth3(NormalX(x), NormalY(y), NormalZ(z));

    internal double NormalX(double x) => 2 * (x - _bounds.XMin) / (_bounds.XMax - _bounds.XMin) - 1;

    internal double NormalY(double y) => 2 * (y - _bounds.YMin) / (_bounds.YMax - _bounds.YMin) - 1;

    internal double NormalZ(double z) => HeightRatio * (2 * (z - _bounds.ZMin) / (_bounds.ZMax - _bounds.ZMin) - 1);

    /// <summary>Pixel position of a point already in box units (x, y in −1..1, z in ±<see cref="HeightRatio"/>).</summary>
    internal SKPoint ProjectNormal(double x, double y, double z)
    {
        var (u, s, _) = View(x, y, z);
        return new SKPoint((float)(_centerX + (u - _midU) * _scale), (float)(_centerY - (s - _midS) * _scale));
    }

    internal double Depth3(double x, double y, double z)
    {
        double v = x * _sinAzimuth + y * _cosAzimuth;
        return v * _cosElevation - z * _sinElevation;
    }

    /// <summary>The direction toward the eye in box units (for lighting and for telling front from back).</summary>
    internal (double X, double Y, double Z) TowardEye => (-_sinAzimuth * _cosElevation, -_cosAzimuth * _cosElevation, _sinElevation);

    // Screen right u, screen up s and depth d of a point in box units; perspective shrinks far points toward the middle.
    private (double U, double S, double D) View(double x, double y, double z)
    {
        double u = x * _cosAzimuth - y * _sinAzimuth;
        double v = x * _sinAzimuth + y * _cosAzimuth;
        double s = z * _cosElevation + v * _sinElevation;
        double d = v * _cosElevation - z * _sinElevation;
        if (double.IsFinite(_distance))
        {
            double f = _distance / (_distance + d);
            u *= f;
            s *= f;
        }
        return (u, s, d);
    }
}
