using NeuroScope.Cli.Commands;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Fit;

namespace NeuroScope.Cli.Tests.Fit;

public sealed class FitCommandTests : IDisposable
{
    private static readonly string[] Small =
        ["--steps", "30", "--frame-every", "10", "--sharpness-every", "10", "--power-iterations", "5", "--hidden", "8,8", "--samples", "50", "--grid-points", "60"];

    private readonly CliRunner _cli = new("fit-cli");

    // Unlike the other verbs' tests, these expect the runs directory to exist before the first run.
    public FitCommandTests() => Directory.CreateDirectory(Runs);

    private string Runs => _cli.RunsDir;

    public void Dispose() => _cli.Dispose();

    private (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(["fit", "--runs-dir", Runs, "--no-progress", .. args]);

    private static string[] LossColumn(string metricsPath)
    {
        var lines = File.ReadAllLines(metricsPath);
        int column = Array.IndexOf(lines[0].Split(','), "loss");
        return lines.Skip(1).Select(line => line.Split(',')[column]).ToArray();
    }

    [Theory]
    [InlineData("--input-dimension", "--input-dimension", "3")]
    [InlineData("--target", "--target", "tangent")]
    [InlineData("--learning-rate", "--learning-rate", "-0.1")]
    [InlineData("--box", "--box", "1,0")]
    [InlineData("--box", "--box", "0,abc")]
    [InlineData("--expression", "--expression", "sin(x")]
    [InlineData("--hidden", "--hidden", "64,x")]
    [InlineData("rhs", "--pde", "poisson1d")]
    public void Fit_BadInput_ExitsTwoNamingTheFieldAndCreatesNoRun(string field, string option, string value)
    {
        var (code, _, error) = Run(option, value);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains($"error: {field}:", error);
        Assert.Empty(Directory.GetDirectories(Runs));
    }

    [Fact]
    public void Fit_Quiet_PrintsOnlyTheFinalTableWithLossAndSharpness()
    {
        var (code, output, error) = Run([.. Small, "--quiet"]);

        Assert.Equal(CliApp.Success, code);
        Assert.Equal("", error);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Runs, "fit_001", "summary.json")));
        string loss = summary.RootElement.GetProperty("finalLoss").GetDouble().ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        string sharpness = summary.RootElement.GetProperty("finalSharpness").GetDouble().ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("final loss", output);
        Assert.Contains(loss, output);
        Assert.Contains("final sharpness", output);
        Assert.Contains(sharpness, output);
        Assert.Contains("2/lr", output);
        Assert.DoesNotContain("[INFO]", output);
        Assert.DoesNotContain("[OK]", output);
    }

    [Fact]
    public void Fit_Pinn_SummaryWritesNullNotTheStringNaNForTheMissingGeneralizationError()
    {
        var (code, _, error) = Run([.. Small, "--pde", "poisson1d", "--rhs", "-pi^2*sin(pi*x)", "--box", "0,1", "--boundary", "0,0", "--collocation", "20"]);

        Assert.Equal(CliApp.Success, code);
        Assert.Equal("", error);
        string json = File.ReadAllText(Path.Combine(Runs, "fit_001", "summary.json"));
        Assert.DoesNotContain("NaN", json);
        using var summary = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, summary.RootElement.GetProperty("finalGeneralizationError").ValueKind);
    }

    [Fact]
    public void Fit_SmallRun_WritesTheRunDirectoryAndLogLines()
    {
        var (code, output, error) = Run(Small);

        Assert.Equal(CliApp.Success, code);
        Assert.Equal("", error);
        string run = Path.Combine(Runs, "fit_001");
        Assert.Contains($"[INFO] Run directory: {run}", output);
        Assert.Contains("[INFO] Target function: sin params={}", output);
        Assert.Contains("[INFO] Using device: cpu", output);
        Assert.Contains($"[OK] Saved {Path.Combine(run, "dashboard.png")}", output);
        foreach (string file in (string[])["config.json", "run.json", "metrics.csv", "summary.json", "dashboard.png", "model.nspm"])
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        Assert.True(File.Exists(Path.Combine(run, "animation.gif")) || File.Exists(Path.Combine(run, "animation.mp4")));
        Assert.Equal(30, LossColumn(Path.Combine(run, "metrics.csv")).Length);
        Assert.Contains("\"experiment\": \"fit\"", File.ReadAllText(Path.Combine(run, "run.json")));
    }

    [Fact]
    public void Fit_Replay_ReproducesTheLossesFromConfigJson()
    {
        Run([.. Small, "--name", "Original Run", "--target", "poly", "--params", "a=0.02"]);
        string original = Path.Combine(Runs, "original-run_001");
        var config = ExperimentJson.ReadFile<FitConfig>(Path.Combine(original, "config.json"));

        var (code, _, _) = CliRunner.Run("replay", original, "--quiet");

        string replay = Path.Combine(Runs, "original-run_002");
        Assert.Equal(CliApp.Success, code);
        Assert.Equal(0.02, config.TargetParameters!["a"]);
        Assert.Equal(File.ReadAllText(Path.Combine(original, "config.json")), File.ReadAllText(Path.Combine(replay, "config.json")));
        Assert.Equal(LossColumn(Path.Combine(original, "metrics.csv")), LossColumn(Path.Combine(replay, "metrics.csv")));
    }

    [Fact]
    public void Fit_ConfigFile_IsTheStartAndExplicitOptionsOverrideIt()
    {
        string path = Path.Combine(Runs, "start.json");
        File.WriteAllText(path, ExperimentJson.Serialize(new FitConfig { Steps = 25, Hidden = [6], Target = "cos", LearningRate = 0.02, FrameEvery = 5, SharpnessEvery = 0, GridPoints = 40 }));

        var (code, _, _) = Run("--config", path, "--steps", "10");

        var written = ExperimentJson.ReadFile<FitConfig>(Path.Combine(Runs, "fit_001", "config.json"));
        Assert.Equal(CliApp.Success, code);
        Assert.Equal(10, written.Steps);
        Assert.Equal("cos", written.Target);
        Assert.Equal(0.02, written.LearningRate);
        Assert.Equal([6], written.Hidden);
    }

    [Fact]
    public void Fit_DivergingRun_ExitsOneAndKeepsItsFiles()
    {
        var (code, _, error) = Run("--steps", "100", "--learning-rate", "50", "--hidden", "8", "--sharpness-every", "0", "--grid-points", "40");

        Assert.Equal(CliApp.RunFailed, code);
        Assert.Contains("NaN or infinite at step", error);
        Assert.True(File.Exists(Path.Combine(Runs, "fit_001", "dashboard.png")));
        Assert.Contains("\"diverged\": true", File.ReadAllText(Path.Combine(Runs, "fit_001", "summary.json")));
    }
}
