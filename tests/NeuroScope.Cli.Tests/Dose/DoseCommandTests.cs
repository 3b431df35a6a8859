using NeuroScope.Cli.Commands;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Dose;
using static NeuroScope.Cli.Tests.CliRunner;

namespace NeuroScope.Cli.Tests.Dose;

public sealed class DoseCommandTests : IDisposable
{
    private readonly CliRunner _cli = new("dose-cli");

    private string Runs => _cli.RunsDir;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Dose_Defaults_WritesTheRunDirectoryAndPrintsTheReferenceLines()
    {
        var (code, stdout, stderr) = Run("dose", "--runs-dir", Runs, "--no-progress");

        Assert.True(code == CliApp.Success, stderr);
        string run = Path.Combine(Runs, "dose_001");
        foreach (var file in new[] { "config.json", "run.json", "metrics.csv", "summary.json", "lr_find.csv", "dose_curve.png", "dose_target.png",
                     "dose_loss.png", "dose_bias.png", "dose_lr_find.png", "dose_loss_vs_bias.png", "dose_net.png" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} is missing");
        var summary = ExperimentJson.Deserialize<DoseSummary>(File.ReadAllText(Path.Combine(run, "summary.json")), "summary.json");
        Assert.Contains($"Num steps: {summary.Plain!.Steps}", stdout);
        Assert.Contains($"lr_find() suggests {summary.Trainer!.SuggestedLearningRate!.Value.ToString("F5", System.Globalization.CultureInfo.InvariantCulture)} for the learning rate.", stdout);
        Assert.Contains("Final bias, before optimization: 0.0000", stdout);
        Assert.Contains(run, stdout);
        Assert.Equal(34, summary.Trainer.Epochs);
    }

    [Fact]
    public void Dose_MetricsCsv_HasOneRowPerEpochWithLossBiasAndLearningRate()
    {
        var (code, _, stderr) = Run("dose", "--runs-dir", Runs, "--quiet");

        Assert.True(code == CliApp.Success, stderr);
        string run = Path.Combine(Runs, "dose_001");
        var lines = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        var summary = ExperimentJson.Deserialize<DoseSummary>(File.ReadAllText(Path.Combine(run, "summary.json")), "summary.json");
        Assert.Equal("stage,step,loss,bias,lr", lines[0]);
        Assert.Equal(1 + summary.Plain!.Epochs + summary.Trainer!.Epochs, lines.Length);
        string lastTrainer = lines[^1];
        Assert.EndsWith(summary.Trainer.LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture), lastTrainer);
    }

    [Fact]
    public void Replay_FromConfigJson_ReproducesTheNumbers()
    {
        var (code, _, stderr) = Run("dose", "--runs-dir", Runs, "--quiet", "--learning-rate", "0.05", "--dtype", "float64");
        Assert.True(code == CliApp.Success, stderr);
        string first = Path.Combine(Runs, "dose_001");

        var (replayCode, _, replayError) = Run("replay", first, "--quiet");
        var (configCode, _, configError) = Run("dose", "--runs-dir", Runs, "--quiet", "--config", Path.Combine(first, "config.json"));

        Assert.True(replayCode == CliApp.Success, replayError);
        Assert.True(configCode == CliApp.Success, configError);
        var original = Summary("dose_001");
        foreach (var replay in new[] { Summary("dose_002"), Summary("dose_003") })
        {
            Assert.Equal("float64", replay.Dtype);
            Assert.Equal(original.Plain!.FinalBias, replay.Plain!.FinalBias);
            Assert.Equal(original.Plain.Steps, replay.Plain.Steps);
            Assert.Equal(original.Trainer!.FinalBias, replay.Trainer!.FinalBias);
            Assert.Equal(original.Trainer.SuggestedLearningRate, replay.Trainer.SuggestedLearningRate);
        }
        Assert.Equal(File.ReadAllText(Path.Combine(first, "config.json")), File.ReadAllText(Path.Combine(Runs, "dose_002", "config.json")));
    }

    [Fact]
    public void Dose_Float64PlainMode_Succeeds()
    {
        var (code, stdout, stderr) = Run("dose", "--runs-dir", Runs, "--no-progress", "--mode", "plain", "--dtype", "float64", "--name", "dose-f64");

        Assert.True(code == CliApp.Success, stderr);
        var summary = Summary("dose-f64_001");
        Assert.Equal("float64", summary.Dtype);
        Assert.Null(summary.Trainer);
        Assert.InRange(summary.Plain!.FinalBias, -16.02, -16.0);
        Assert.DoesNotContain("lr_find()", stdout);
    }

    [Fact]
    public void Dose_ConfigFileAndTypedOption_TheTypedOptionWins()
    {
        Directory.CreateDirectory(Runs);
        string path = Path.Combine(Runs, "config.json");
        File.WriteAllText(path, ExperimentJson.Serialize(new DoseConfig { Mode = "plain", Dtype = "float64", Epochs = 7 }));

        var (code, _, stderr) = Run("dose", "--runs-dir", Runs, "--quiet", "--config", path, "--epochs", "3");

        Assert.True(code == CliApp.Success, stderr);
        var written = ExperimentJson.ReadFile<DoseConfig>(Path.Combine(Runs, "dose_001", "config.json"));
        Assert.Equal(new DoseConfig { Mode = "plain", Dtype = "float64", Epochs = 3 }, written);
        Assert.Equal(3, Summary("dose_001").Plain!.Steps);
    }

    [Theory]
    [InlineData("--learning-rate", "0", "positive")]
    [InlineData("--learning-rate", "-0.1", "positive")]
    [InlineData("--epochs", "0", "1..1000000")]
    [InlineData("--mode", "fast", "plain, trainer, both")]
    [InlineData("--dtype", "float16", "float32, float64")]
    public void Dose_BadOption_ExitsWithUsageErrorNamingTheOption(string option, string value, string allowed)
    {
        var (code, _, stderr) = Run("dose", "--runs-dir", Runs, option, value);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains(option, stderr);
        Assert.Contains(allowed, stderr);
        Assert.False(Directory.Exists(Runs), "no run directory is created for bad input");
    }

    [Fact]
    public void Dose_BadValueInConfigFile_NamesTheField()
    {
        Directory.CreateDirectory(Runs);
        string path = Path.Combine(Runs, "bad.json");
        File.WriteAllText(path, """{ "trainerEpochs": 0 }""");

        var (code, _, stderr) = Run("dose", "--runs-dir", Runs, "--config", path);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("trainerEpochs", stderr);
        Assert.Contains("1..100000", stderr);
    }

    private DoseSummary Summary(string runName) =>
        ExperimentJson.Deserialize<DoseSummary>(File.ReadAllText(Path.Combine(Runs, runName, "summary.json")), "summary.json");
}
