using System.Text.Json;
using NeuroScope.Experiments.Files;
using NeuroScope.Experiments.Fit;
using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Files;

/// <summary>surface.json: what the board and the report turn in 3-D, small and complete.</summary>
public sealed class SurfaceFileTests
{
    [Fact]
    public void Create_FineGrid_ThinsToSixtyPerAxisKeepingTheEnds()
    {
        double[] x = [.. Enumerable.Range(0, 400).Select(i => i / 399.0)], y = [.. Enumerable.Range(0, 100).Select(i => -1 + 2 * i / 99.0)];

        var surface = SurfaceFile.Create("plane", "x", x, "y", y, "z", [("plane", (r, c) => x[c] + 10 * y[r])]);

        Assert.Equal(SurfaceFile.MaxPointsPerAxis, surface.X.Values!.Length);
        Assert.Equal(SurfaceFile.MaxPointsPerAxis, surface.Y.Values!.Length);
        Assert.Equal((0.0, 1.0), (surface.X.Values[0], surface.X.Values[^1]));
        Assert.Equal((-1.0, 1.0), (surface.Y.Values[0], surface.Y.Values[^1]));
        var z = surface.Surfaces[0].Z;
        for (int r = 0; r < z.Length; r++)
            for (int c = 0; c < z[r].Length; c++)
                AssertSixDigits(surface.X.Values[c] + 10 * surface.Y.Values[r], z[r][c]!.Value);
    }

    [Fact]
    public void ToJson_NaNAndInfinity_BecomeNullAndTheFileReadsBack()
    {
        var surface = SurfaceFile.Create("holes", "x", [0, 1], "y", [0, 1], "z", [("s", (r, c) => r == 0 ? double.NaN : c == 0 ? double.PositiveInfinity : 1.0 / 3)],
            new SurfaceBox(0.2, 0.8, 0.1, 0.9), [new SurfaceMarker("true", 0.5, 0.5)]);

        string json = surface.ToJson();
        var back = SurfaceFile.Parse(json);

        Assert.Contains("\"z\":[[null,null],[null,0.333333]]", json, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
        Assert.Equal(new SurfaceBox(0.2, 0.8, 0.1, 0.9), back.Box);
        Assert.Equal("true", back.Markers.Single().Name);
        Assert.Null(back.Markers.Single().Z);
    }

    [Fact]
    public void FitSurface_2dFit_HoldsPredictionAndTargetOnTheGridWithTheBox()
    {
        var config = new FitConfig { InputDimension = 2, Target = "rbf2d", Box = [-1, 1, 0, 2], Steps = 3, FrameEvery = 1, SharpnessEvery = 0, Hidden = [4], GridPoints2d = 9 };
        var result = FunctionFit.Run(config);

        var surface = FitExperiment.Surface(result)!;

        Assert.Equal(["prediction", "target"], surface.Surfaces.Select(s => s.Name));
        Assert.Equal(result.Grid.X, surface.X.Values!, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(new SurfaceBox(-1, 1, 0, 2), surface.Box);
        for (int r = 0; r < 9; r++)
            for (int c = 0; c < 9; c++)
            {
                double x = result.Grid.X[c], y = result.Grid.Y[r];
                AssertSixDigits(Math.Exp(-(x * x + y * y) / (2 * 1.5 * 1.5)), surface.Surfaces[1].Z[r][c]!.Value);
                AssertSixDigits(result.Frames[^1][r * 9 + c], surface.Surfaces[0].Z[r][c]!.Value);
            }
    }

    [Fact]
    public void FitSurface_1dFit_IsNone()
    {
        var result = FunctionFit.Run(new FitConfig { Steps = 2, FrameEvery = 1, SharpnessEvery = 0, Hidden = [4], GridPoints = 20 });

        Assert.Null(FitExperiment.Surface(result));
    }

    [Fact]
    public void NeuronSurface_Landscape_IsLog10LossWithTrueStartAndMinimumMarked()
    {
        var config = new NeuronConfig { Mode = NeuronMode.Landscape, Loss = NeuronLoss.Voltage, Points = 7, Ranges = [[20, 30], [-54, -50]] };
        var result = new NeuronExperiment().Run(config);
        var grid = result.Grid!;

        var surface = NeuronExperiment.Surface(result)!;

        Assert.Equal("tau (ms)", surface.X.Label);
        Assert.Equal("v_threshold (mV)", surface.Y.Label);
        Assert.Equal("log10 loss", surface.Z.Label);
        var z = surface.Surfaces.Single().Z;
        double floor = grid.Losses.Cast<double>().Where(l => double.IsFinite(l) && l > 0).Min();
        for (int r = 0; r < 7; r++)
            for (int c = 0; c < 7; c++)
                AssertSixDigits(Math.Log10(Math.Max(grid.Losses[r, c], floor)), z[r][c]!.Value);
        var markers = surface.Markers.ToDictionary(m => m.Name, m => (m.X, m.Y));
        Assert.Equal((25.0, -52.0), markers["true"]);
        Assert.Equal((config.Initial.Tau, config.Initial.VThreshold), markers["start"]);
        Assert.Equal(grid.Minimum, markers["grid minimum"]);
    }

    [Fact]
    public void NeuronSurface_WrittenJson_HasTheKeysSurfaceJsReads()
    {
        var config = new NeuronConfig { Mode = NeuronMode.Landscape, Loss = NeuronLoss.Voltage, Points = 5, Ranges = [[20, 30], [-54, -50]] };
        var surface = NeuronExperiment.Surface(new NeuronExperiment().Run(config))!;

        using var json = JsonDocument.Parse(surface.ToJson());

        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("x").GetProperty("values").GetArrayLength());
        Assert.Equal(5, root.GetProperty("surfaces")[0].GetProperty("z").GetArrayLength());
        Assert.Equal("log10 loss", root.GetProperty("z").GetProperty("label").GetString());
        Assert.False(root.TryGetProperty("box", out _));
        Assert.True(root.GetProperty("markers").GetArrayLength() >= 3);
    }

    // The file keeps six significant digits (and the plane test compares with coordinates that are rounded too).
    private static void AssertSixDigits(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * Math.Max(Math.Abs(expected), 1), $"{actual} is not {expected} to six digits");
}
