using NeuroScope.Plotting.Style;
using ScottPlot;
using SkiaSharp;

namespace NeuroScope.Plotting.Dose;

/// <summary>Lays ScottPlot plots side by side in one PNG (each rendered at its own size, then drawn onto one canvas).</summary>
internal static class Panels
{
    public static string SaveSideBySide(string path, IReadOnlyList<Plot> plots, int panelWidth, int height)
    {
        var info = new SKImageInfo(panelWidth * plots.Count, height);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        for (int i = 0; i < plots.Count; i++)
        {
            byte[] png = plots[i].GetImageBytes(panelWidth, height, ImageFormat.Png);
            using var bitmap = SKBitmap.Decode(png);
            canvas.DrawBitmap(bitmap, i * panelWidth, 0);
        }
        PictureFile.WritePng(path, surface);
        return path;
    }
}
