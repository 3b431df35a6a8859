using NeuroScope.Experiments.Fit;
using SkiaSharp;

namespace NeuroScope.Plotting.Fit;

/// <summary>
/// The 2×2 dashboard of a fit: (1) the fit — target dashed, prediction solid, training interval shaded, samples as
/// dots (2-D: prediction and target as shaded 3-D surfaces with the training box, across the top); (2) training loss and generalization error,
/// log scale; (3) sharpness with the dashed 2/lr line of plain gradient descent; (4) |Δθ·v|; with "Step s / N", the
/// loss and the generalization error written above.
/// </summary>
public static class FitDashboard
{
    /// <summary>Default picture width in pixels.</summary>
    public const int DefaultWidth = 1100;

    /// <summary>Default picture height in pixels.</summary>
    public const int DefaultHeight = 760;

    /// <summary>Encodes frame <paramref name="frame"/> (negative counts from the end: −1 is the last) as PNG bytes.</summary>
    public static byte[] RenderPng(FitResult result, int frame = -1, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var renderer = new DashboardRenderer(result, width, height);
        using var bitmap = renderer.RenderBitmap(ResolveFrame(result, frame));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Writes frame <paramref name="frame"/> (default: the last) as a PNG and returns the path.</summary>
    public static string SavePng(FitResult result, string path, int frame = -1, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllBytes(path, RenderPng(result, frame, width, height));
        return path;
    }

    internal static int ResolveFrame(FitResult result, int frame)
    {
        int count = result.Frames.Count;
        int index = frame < 0 ? count + frame : frame;
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"The run has {count} frames; allowed: 0..{count - 1}, or negative from the end.");
        return index;
    }
}
