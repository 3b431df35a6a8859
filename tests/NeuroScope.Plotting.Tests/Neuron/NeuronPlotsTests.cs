using NeuroScope.Experiments.Neuron;
using NeuroScope.Plotting.Neuron;
using SkiaSharp;

namespace NeuroScope.Plotting.Tests.Neuron;

public sealed class NeuronPlotsTests : IDisposable
{
    private readonly TempFolder _temp = new("neuron-plots");

    private string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void SaveAll_Fit_WritesVoltageCurvesPathsAndTraces()
    {
        var result = new NeuronExperiment().Run(new NeuronConfig { Mode = NeuronMode.Fit, Gradient = GradientSource.FiniteDifference, Loss = NeuronLoss.EarthMover, Interpolate = true, Iterations = 30 });

        var paths = NeuronPlots.SaveAll(result, Folder);

        string[] expected = [NeuronPlots.VoltageFile, NeuronPlots.TargetVoltageFile, NeuronPlots.LearningCurveFile, NeuronPlots.ParameterPathsFile, NeuronPlots.TracesFile];
        Assert.Equal(expected.Length, paths.Count);
        foreach (var name in expected)
            AssertPicture(Path.Combine(Folder, name));
    }

    [Fact]
    public void SaveAll_Landscape_WritesTheSweepsTheHeatMapAndThe3dView()
    {
        var result = new NeuronExperiment().Run(new NeuronConfig { Mode = NeuronMode.Landscape, Points = 9 });

        var paths = NeuronPlots.SaveAll(result, Folder);

        Assert.Contains(Path.Combine(Folder, NeuronPlots.SweepsFile), paths);
        Assert.Contains(Path.Combine(Folder, NeuronPlots.LandscapeFile), paths);
        Assert.Contains(Path.Combine(Folder, NeuronPlots.Landscape3DFile), paths);
        using (var view = SkiaSharp.SKBitmap.Decode(Path.Combine(Folder, NeuronPlots.Landscape3DFile)))
            Assert.True(PngAssert.DistinctColors(view, stride: 5) > 60, "the 3-D view holds no shaded surface");
        Assert.False(File.Exists(Path.Combine(Folder, NeuronPlots.LearningCurveFile)));
        foreach (var path in paths)
            AssertPicture(path);
    }

    [Fact]
    public void Voltage_StacksTheTraceAboveTheCurrent()
    {
        Directory.CreateDirectory(Folder);
        var grid = new TimeGrid(0.1, 100.0);
        var current = InputCurrent.Pulse(20, 60, 25).Sample(grid);
        var simulation = LifSimulator.Simulate(LifParameters.Default, grid, current);

        string path = NeuronPlots.Voltage(simulation, current, "pulse", Path.Combine(Folder, "pulse.png"));

        using var bitmap = AssertPicture(path);
        // Both panels are drawn: the top half and the bottom third each hold dark (ink) pixels.
        Assert.True(PngAssert.InkSamples(bitmap, stride: 2, maxChannelSum: 200, fromRow: 0, toRow: bitmap.Height / 2) > 0);
        Assert.True(PngAssert.InkSamples(bitmap, stride: 2, maxChannelSum: 200, fromRow: bitmap.Height * 2 / 3, toRow: bitmap.Height) > 0);
    }

    private static SKBitmap AssertPicture(string path) => PngAssert.DecodeValidPicture(path, minWidth: 400, minHeight: 300, minBytes: 1000);
}
