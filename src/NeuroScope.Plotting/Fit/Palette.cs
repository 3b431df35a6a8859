namespace NeuroScope.Plotting.Fit;

/// <summary>
/// A 255-color palette chosen by popularity over 15-bit color bins (each entry the mean of its bin's pixels, so
/// flat colors are exact), and a 32,768-entry table from bin to nearest entry, so mapping a frame is one lookup per pixel.
/// </summary>
internal sealed class Palette
{
    private readonly byte[] _lookup = new byte[32768];

    public Palette(ReadOnlySpan<byte> rgba)
    {
        var counts = new long[32768];
        var sums = new long[32768 * 3];
        for (int p = 0; p + 3 < rgba.Length; p += 4)
        {
            int bin = Bin(rgba[p], rgba[p + 1], rgba[p + 2]);
            counts[bin]++;
            sums[3 * bin] += rgba[p];
            sums[3 * bin + 1] += rgba[p + 1];
            sums[3 * bin + 2] += rgba[p + 2];
        }
        var bins = new List<int>();
        for (int b = 0; b < counts.Length; b++)
            if (counts[b] > 0)
                bins.Add(b);
        bins.Sort((a, b) => counts[b].CompareTo(counts[a]));
        int size = Math.Min(255, bins.Count);
        Rgb = new byte[3 * 255];
        for (int i = 0; i < size; i++)
        {
            int b = bins[i];
            for (int c = 0; c < 3; c++)
                Rgb[3 * i + c] = (byte)(sums[3 * b + c] / counts[b]);
        }
        for (int bin = 0; bin < 32768; bin++)
        {
            int r = ((bin >> 10) << 3) + 4, g = (((bin >> 5) & 31) << 3) + 4, bl = ((bin & 31) << 3) + 4;
            int best = 0, bestDistance = int.MaxValue;
            for (int i = 0; i < size; i++)
            {
                int dr = r - Rgb[3 * i], dg = g - Rgb[3 * i + 1], db = bl - Rgb[3 * i + 2];
                int distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = i;
                }
            }
            _lookup[bin] = (byte)best;
        }
    }

    /// <summary>The palette as r, g, b triples (255 entries).</summary>
    public byte[] Rgb { get; }

    /// <summary>Maps RGBA pixels to palette indices.</summary>
    public void Map(ReadOnlySpan<byte> rgba, Span<byte> indices)
    {
        for (int i = 0, p = 0; i < indices.Length; i++, p += 4)
            indices[i] = _lookup[Bin(rgba[p], rgba[p + 1], rgba[p + 2])];
    }

    private static int Bin(byte r, byte g, byte b) => ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
}
