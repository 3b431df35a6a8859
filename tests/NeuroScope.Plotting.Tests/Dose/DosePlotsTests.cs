using NeuroScope.Experiments.Dose;
using NeuroScope.Plotting.Dose;
using SkiaSharp;

namespace NeuroScope.Plotting.Tests.Dose;

public sealed class DosePlotsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "neuroscope-dose-plots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void SaveAll_BothWays_WritesSevenDecodablePictures()
    {
        var result = DoseResponse.Run(new DoseConfig { TrainerEpochs = 3 });

        var paths = DosePlots.SaveAll(result, _folder);

        string[] expected = [DosePlots.CurveFile, DosePlots.TargetFile, DosePlots.LossFile, DosePlots.BiasFile, DosePlots.FinderFile, DosePlots.LossVsBiasFile, DosePlots.NetFile];
        Assert.Equal(expected.Length, paths.Count);
        foreach (var name in expected)
            AssertPicture(Path.Combine(_folder, name));
    }

    [Fact]
    public void SaveAll_PlainOnly_LeavesOutTheFinderCurve()
    {
        var result = DoseResponse.Run(new DoseConfig { Mode = "plain", Dtype = "float64" });

        var paths = DosePlots.SaveAll(result, _folder);

        Assert.Equal(6, paths.Count);
        Assert.False(File.Exists(Path.Combine(_folder, DosePlots.FinderFile)));
        foreach (var path in paths)
            AssertPicture(path);
    }

    [Fact]
    public void NetDiagram_WithoutLearnedBias_IsAPicture()
    {
        Directory.CreateDirectory(_folder);

        string path = DoseNetDiagram.Save(Path.Combine(_folder, "net.png"));

        AssertPicture(path);
    }

    // A picture decodes, has a sensible size, and is more than a blank canvas: it holds many distinct colors and ink.
    private static void AssertPicture(string path)
    {
        Assert.True(new FileInfo(path).Length > 5_000, $"{path} is too small to be a chart.");
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.InRange(bitmap.Width, 600, 4000);
        Assert.InRange(bitmap.Height, 400, 3000);
        var colors = new HashSet<uint>();
        int ink = 0;
        for (int y = 0; y < bitmap.Height; y += 3)
        {
            for (int x = 0; x < bitmap.Width; x += 3)
            {
                var c = bitmap.GetPixel(x, y);
                colors.Add((uint)c);
                if (c.Red + c.Green + c.Blue < 600)
                    ink++;
            }
        }
        Assert.True(colors.Count > 20, $"{path} has only {colors.Count} colors.");
        Assert.True(ink > 500, $"{path} has almost no ink ({ink} dark samples).");
    }
}
