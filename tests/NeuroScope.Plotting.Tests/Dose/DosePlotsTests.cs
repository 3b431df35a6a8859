using NeuroScope.Experiments.Dose;
using NeuroScope.Plotting.Dose;

namespace NeuroScope.Plotting.Tests.Dose;

public sealed class DosePlotsTests : IDisposable
{
    private readonly TempFolder _temp = new("dose-plots");

    private string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void SaveAll_BothWays_WritesSevenDecodablePictures()
    {
        var result = DoseResponse.Run(new DoseConfig { TrainerEpochs = 3 });

        var paths = DosePlots.SaveAll(result, Folder);

        string[] expected = [DosePlots.CurveFile, DosePlots.TargetFile, DosePlots.LossFile, DosePlots.BiasFile, DosePlots.FinderFile, DosePlots.LossVsBiasFile, DosePlots.NetFile];
        Assert.Equal(expected.Length, paths.Count);
        foreach (var name in expected)
            AssertPicture(Path.Combine(Folder, name));
    }

    [Fact]
    public void SaveAll_PlainOnly_LeavesOutTheFinderCurve()
    {
        var result = DoseResponse.Run(new DoseConfig { Mode = "plain", Dtype = "float64" });

        var paths = DosePlots.SaveAll(result, Folder);

        Assert.Equal(6, paths.Count);
        Assert.False(File.Exists(Path.Combine(Folder, DosePlots.FinderFile)));
        foreach (var path in paths)
            AssertPicture(path);
    }

    [Fact]
    public void NetDiagram_WithoutLearnedBias_IsAPicture()
    {
        Directory.CreateDirectory(Folder);

        string path = DoseNetDiagram.Save(Path.Combine(Folder, "net.png"));

        AssertPicture(path);
    }

    // A picture decodes, has a sensible size, and is more than a blank canvas: it holds many distinct colors and ink.
    private static void AssertPicture(string path)
    {
        using var bitmap = PngAssert.DecodeValidPicture(path, minWidth: 600, minHeight: 400, minBytes: 5_000);
        Assert.InRange(bitmap.Width, 600, 4000);
        Assert.InRange(bitmap.Height, 400, 3000);
        int colors = PngAssert.DistinctColors(bitmap, stride: 3);
        int ink = PngAssert.InkSamples(bitmap, stride: 3, maxChannelSum: 600);
        Assert.True(colors > 20, $"{path} has only {colors} colors.");
        Assert.True(ink > 500, $"{path} has almost no ink ({ink} dark samples).");
    }
}
