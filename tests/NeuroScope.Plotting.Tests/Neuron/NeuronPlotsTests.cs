using NeuroScope.Experiments.Neuron;
using NeuroScope.Plotting.Neuron;
using SkiaSharp;

namespace NeuroScope.Plotting.Tests.Neuron;

public sealed class NeuronPlotsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "neuroscope-neuron-plots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void SaveAll_Fit_WritesVoltageCurvesPathsAndTraces()
    {
        var result = NeuronExperiment.Run(new NeuronConfig { Mode = NeuronMode.Fit, Gradient = GradientSource.FiniteDifference, Loss = LossKind.EarthMover, Interpolate = true, Iterations = 30 });

        var paths = NeuronPlots.SaveAll(result, _folder);

        string[] expected = [NeuronPlots.VoltageFile, NeuronPlots.TargetVoltageFile, NeuronPlots.LearningCurveFile, NeuronPlots.ParameterPathsFile, NeuronPlots.TracesFile];
        Assert.Equal(expected.Length, paths.Count);
        foreach (var name in expected)
            AssertPicture(Path.Combine(_folder, name));
    }

    [Fact]
    public void SaveAll_Landscape_WritesTheSweepsAndTheHeatMap()
    {
        var result = NeuronExperiment.Run(new NeuronConfig { Mode = NeuronMode.Landscape, Points = 9 });

        var paths = NeuronPlots.SaveAll(result, _folder);

        Assert.Contains(Path.Combine(_folder, NeuronPlots.SweepsFile), paths);
        Assert.Contains(Path.Combine(_folder, NeuronPlots.LandscapeFile), paths);
        Assert.False(File.Exists(Path.Combine(_folder, NeuronPlots.LearningCurveFile)));
        foreach (var path in paths)
            AssertPicture(path);
    }

    [Fact]
    public void Voltage_StacksTheTraceAboveTheCurrent()
    {
        Directory.CreateDirectory(_folder);
        var grid = new TimeGrid(0.1, 100.0);
        var current = InputCurrent.Pulse(20, 60, 25).Sample(grid);
        var simulation = LifSimulator.Simulate(LifParameters.Default, grid, current);

        string path = NeuronPlots.Voltage(simulation, current, "pulse", Path.Combine(_folder, "pulse.png"));

        using var bitmap = AssertPicture(path);
        // Both panels are drawn: the top half and the bottom third each hold dark (ink) pixels.
        Assert.True(HasInk(bitmap, 0, bitmap.Height / 2));
        Assert.True(HasInk(bitmap, bitmap.Height * 2 / 3, bitmap.Height));
    }

    private static SKBitmap AssertPicture(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing");
        Assert.True(new FileInfo(path).Length > 1000, $"{path} is nearly empty");
        var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.True(bitmap.Width >= 400 && bitmap.Height >= 300, $"{path} is {bitmap.Width}x{bitmap.Height}");
        return bitmap;
    }

    private static bool HasInk(SKBitmap bitmap, int fromRow, int toRow)
    {
        for (int y = fromRow; y < toRow; y += 2)
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red + c.Green + c.Blue < 200)
                    return true;
            }
        return false;
    }
}
