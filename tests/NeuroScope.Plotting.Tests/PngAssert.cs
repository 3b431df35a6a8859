using SkiaSharp;

namespace NeuroScope.Plotting.Tests;

/// <summary>Checks that a written chart is a real picture: it exists, decodes, is big enough and holds more than a blank canvas.</summary>
internal static class PngAssert
{
    /// <summary>
    /// Asserts that <paramref name="path"/> exists, is longer than <paramref name="minBytes"/>, decodes, and is at least
    /// <paramref name="minWidth"/> × <paramref name="minHeight"/> pixels.
    /// </summary>
    public static void AssertValidPicture(string path, int minWidth, int minHeight, long minBytes = 0)
    {
        using var bitmap = DecodeValidPicture(path, minWidth, minHeight, minBytes);
    }

    /// <summary>Makes the checks of <see cref="AssertValidPicture"/> and returns the decoded bitmap for further checks; the caller disposes it.</summary>
    public static SKBitmap DecodeValidPicture(string path, int minWidth, int minHeight, long minBytes = 0)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        long length = new FileInfo(path).Length;
        Assert.True(length > minBytes, $"{path} is nearly empty ({length} bytes)");
        var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.True(bitmap.Width >= minWidth && bitmap.Height >= minHeight, $"{path} is {bitmap.Width}x{bitmap.Height}, less than {minWidth}x{minHeight}");
        return bitmap;
    }

    /// <summary>The number of distinct colors among the pixels on a grid of spacing <paramref name="stride"/>; a blank canvas has one or two.</summary>
    public static int DistinctColors(SKBitmap bitmap, int stride)
    {
        var colors = new HashSet<SKColor>();
        for (int y = 0; y < bitmap.Height; y += stride)
            for (int x = 0; x < bitmap.Width; x += stride)
                colors.Add(bitmap.GetPixel(x, y));
        return colors.Count;
    }

    /// <summary>
    /// The number of dark ("ink") pixels, whose red + green + blue is below <paramref name="maxChannelSum"/>, on a grid of spacing
    /// <paramref name="stride"/> over rows <paramref name="fromRow"/> (inclusive) to <paramref name="toRow"/> (exclusive; all rows when null).
    /// </summary>
    public static int InkSamples(SKBitmap bitmap, int stride, int maxChannelSum, int fromRow = 0, int? toRow = null)
    {
        int ink = 0;
        for (int y = fromRow; y < (toRow ?? bitmap.Height); y += stride)
            for (int x = 0; x < bitmap.Width; x += stride)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < maxChannelSum)
                    ink++;
            }
        return ink;
    }
}
