using NeuroScope.Cli.Commands;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Neuron;
using static NeuroScope.Cli.Tests.CliRunner;

namespace NeuroScope.Cli.Tests.Neuron;

public sealed class NeuronCommandTests : IDisposable
{
    private readonly CliRunner _cli = new("neuron-cli");

    private string Runs => _cli.RunsDir;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Fit_QuickFiniteDifferenceRun_WritesTheRunDirectoryAndTheRecoveryTable()
    {
        var (code, stdout, stderr) = Run("neuron", "fit", "--gradient", "fd", "--loss", "earth-mover", "--interpolate", "--iterations", "20",
            "--runs-dir", Runs, "--no-progress");

        Assert.True(code == CliApp.Success, stderr);
        string run = Path.Combine(Runs, "neuron-fit_001");
        foreach (var file in new[] { "config.json", "run.json", "metrics.csv", "summary.json", "voltage.png", "target_voltage.png", "learning_curve.png", "parameter_paths.png", "traces.png" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} is missing");
        var summary = ExperimentJson.Deserialize<NeuronSummary>(File.ReadAllText(Path.Combine(run, "summary.json")), "summary.json");
        var main = Assert.Single(summary.Runs);
        Assert.Equal(20, main.Steps);
        Assert.Contains("Parameter recovery", stdout);
        Assert.Contains(main.Recovery[0].Learned.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), stdout);
        var lines = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.Equal("stage,step," + string.Join(',', NeuronExperiment.FitColumns), lines[0]);
        Assert.Equal(1 + 21, lines.Length);
    }

    [Fact]
    public void Landscape_WritesTheSweepsAndTheHeatMap()
    {
        var (code, _, stderr) = Run("neuron", "landscape", "--params", "tau,v_threshold", "--range", "20:30,-54:-50", "--points", "5", "--runs-dir", Runs, "--quiet");

        Assert.True(code == CliApp.Success, stderr);
        string run = Path.Combine(Runs, "neuron-landscape_001");
        Assert.True(File.Exists(Path.Combine(run, "landscape_1d.png")));
        Assert.True(File.Exists(Path.Combine(run, "landscape_2d.png")));
        var config = ExperimentJson.ReadFile<NeuronConfig>(Path.Combine(run, "config.json"));
        Assert.Equal(NeuronMode.Landscape, config.Mode);
        Assert.Equal([-54.0, -50.0], config.Ranges![1]);
    }

    [Theory]
    [InlineData("--optimizer", "sgd")]
    [InlineData("--gradient", "exact")]
    [InlineData("--learning-rate", "-1")]
    [InlineData("--params", "tau,threshold")]
    [InlineData("--range", "30:20,-54:-50")]
    [InlineData("--initial", "tau=-3")]
    [InlineData("--loss", "mse")]
    [InlineData("--points", "1")]
    public void Fit_BadOption_ExitsWithTwoAndNamesTheOption(string option, string value)
    {
        var (code, _, stderr) = Run("neuron", "fit", option + "=" + value, "--runs-dir", Runs, "--quiet");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains(option, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Fit_SurrogateWithTimingLoss_ExitsWithTwoAndSaysWhy()
    {
        var (code, _, stderr) = Run("neuron", "fit", "--loss", "timing", "--runs-dir", Runs, "--quiet");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("gradient", stderr);
        Assert.Contains("finite differences", stderr);
    }

    [Fact]
    public void Config_WithUnknownKey_ExitsWithTwo()
    {
        Directory.CreateDirectory(Runs);
        string path = Path.Combine(Runs, "bad.json");
        File.WriteAllText(path, """{ "mode": "fit", "learningRat": 0.1 }""");

        var (code, _, stderr) = Run("neuron", "--config", path, "--runs-dir", Runs, "--quiet");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("learningRat", stderr);
    }

    [Fact]
    public void Replay_FromConfigJson_ReproducesTheNumbers()
    {
        var (code, _, stderr) = Run("neuron", "fit", "--gradient", "fd", "--optimizer", "momentum", "--learning-rate", "0.01", "--iterations", "15",
            "--loss", "voltage", "--runs-dir", Runs, "--quiet");
        Assert.True(code == CliApp.Success, stderr);
        string first = Path.Combine(Runs, "neuron-fit_001");

        var (replayCode, _, replayError) = Run("replay", first, "--quiet");
        var (configCode, _, configError) = Run("neuron", "--config", Path.Combine(first, "config.json"), "--runs-dir", Runs, "--quiet");

        Assert.True(replayCode == CliApp.Success, replayError);
        Assert.True(configCode == CliApp.Success, configError);
        var a = ReadSummary(first);
        var b = ReadSummary(Path.Combine(Runs, "neuron-fit_002"));
        var c = ReadSummary(Path.Combine(Runs, "neuron-fit_003"));
        Assert.Equal(a.Runs[0].Learned, b.Runs[0].Learned);
        Assert.Equal(a.Runs[0].Learned, c.Runs[0].Learned);
        Assert.Equal(a.Runs[0].FinalLoss, c.Runs[0].FinalLoss);
    }

    private static NeuronSummary ReadSummary(string run) =>
        ExperimentJson.Deserialize<NeuronSummary>(File.ReadAllText(Path.Combine(run, "summary.json")), "summary.json");
}
