using SkiaSharp;

namespace NeuroScope.Plotting.Style;

/// <summary>Writes a picture whole or not at all: to a file beside the target, then renamed into place.</summary>
internal static class PictureFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> through a temporary file in the same folder.</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        string temporary = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                file.Write(bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Encodes the surface's current picture as PNG and writes it to <paramref name="path"/>.</summary>
    public static void WritePng(string path, SKSurface surface)
    {
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        Write(path, data.Span);
    }
}
