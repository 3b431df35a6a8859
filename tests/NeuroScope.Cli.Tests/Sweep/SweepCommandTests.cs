using System.Text.Json;
using NeuroScope.Cli.Commands;
using NeuroScope.Cli.Tests.Robustness;
using NeuroScope.Experiments.Fit;

namespace NeuroScope.Cli.Tests.Sweep;

/// <summary>
/// <c>neuroscope sweep</c>: the grid's runs are ordinary run folders whose metrics match the same runs made one by one,
/// byte for byte; sweep.json records the grid and every run; bad values are refused with the verb's own messages before
/// anything is written; Ctrl+C stops every run and leaves consistent files.
/// </summary>
public class SweepCommandTests
{
    private static readonly string[] SmallFit =
        ["--steps", "60", "--frame-every", "30", "--sharpness-every", "20", "--samples", "20", "--hidden", "4", "--grid-points", "50"];

    [Fact]
    public void Sweep_TwoLearningRates_RunsMatchTheSameRunsOneByOneAndSweepJsonRecordsThem()
    {
        using var runner = new CliRunner("sweep");

        var (code, stdout, stderr) = CliRunner.Run(["sweep", "fit", "--learning-rate", "0.02,0.040", .. SmallFit,
            "--metric", "sharpness,loss", "--parallel", "2", "--runs-dir", runner.RunsDir, "--no-progress"]);

        Assert.True(code == 0, stderr);
        string sweep = Assert.Single(Directory.GetDirectories(runner.RunsDir));
        Assert.Equal("sweep_001", Path.GetFileName(sweep));
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "sweep.json")));
        var root = document.RootElement;
        Assert.Equal("fit", root.GetProperty("experiment").GetString());
        Assert.Equal("finished", root.GetProperty("status").GetString());
        Assert.Equal(2, root.GetProperty("parallel").GetInt32());
        var axis = Assert.Single(root.GetProperty("grid").EnumerateArray());
        Assert.Equal("--learning-rate", axis.GetProperty("option").GetString());
        Assert.Equal("learningRate", axis.GetProperty("key").GetString());
        // Values are read as the verb reads them: 0.040 is the number 0.04.
        Assert.Equal(["0.02", "0.04"], axis.GetProperty("values").EnumerateArray().Select(v => v.GetString()!));
        Assert.Equal("60", root.GetProperty("fixed").GetProperty("steps").GetString());
        Assert.Equal(["compare_sharpness.png", "compare_loss.png"], root.GetProperty("pictures").EnumerateArray().Select(p => p.GetString()!));
        foreach (string picture in new[] { "compare_sharpness.png", "compare_loss.png" })
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(sweep, picture))[..4]);

        var runs = root.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        string[] rates = ["0.02", "0.04"];
        for (int i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            Assert.Equal("finished", run.GetProperty("status").GetString());
            Assert.Equal(0, run.GetProperty("exitCode").GetInt32());
            Assert.Equal(rates[i], run.GetProperty("settings").GetProperty("learningRate").GetString());
            Assert.Equal($"learning-rate {rates[i]}", run.GetProperty("label").GetString());
            string folder = Path.Combine(sweep, run.GetProperty("folder").GetString()!);
            Assert.True(File.Exists(Path.Combine(folder, "config.json")));
            Assert.Contains(run.GetProperty("headlines").EnumerateArray(), h => h.GetProperty("label").GetString() == "final loss");
            Assert.Contains($"\"learningRate\": {rates[i]}", File.ReadAllText(Path.Combine(folder, "config.json")));

            // The same config, run on its own in this process: the same metrics, byte for byte.
            string alone = Path.Combine(runner.RunsDir, $"alone-{i}");
            var (aloneCode, _, aloneError) = CliRunner.Run(["fit", "--learning-rate", rates[i], .. SmallFit, "--runs-dir", alone, "--quiet"]);
            Assert.True(aloneCode == 0, aloneError);
            Assert.Equal(File.ReadAllBytes(Path.Combine(alone, "fit_001", "metrics.csv")), File.ReadAllBytes(Path.Combine(folder, "metrics.csv")));
        }
        // The table of the grid: each rate with its final loss.
        Assert.Contains("learning-rate", stdout);
        Assert.Contains("final loss", stdout);
    }

    [Theory]
    [InlineData("--learning-rate", "0.01,0", "--learning-rate: 0 is not allowed; it must be a positive number.", "0")]
    [InlineData("--learning-rate", "0.01,abc", "--learning-rate: 'abc' is not allowed", "abc")]
    [InlineData("--activation", "tanh,sigmoidal", "--activation: 'sigmoidal' is not allowed; allowed:", "sigmoidal")]
    [InlineData("--learning-rate", "0.01,,0.02", "--learning-rate: '0.01,,0.02' holds an empty value", null)]
    [InlineData("--learning-rate", "0.01,0.010", "--learning-rate: 0.01 is given twice", null)]
    [InlineData("--parallel", "0", "--parallel: 0 is not allowed; it must be a whole number from 1 to 256.", null)]
    [InlineData("--metric", "sharpnes", "--metric: 'sharpnes' is not allowed; allowed: loss, generalization_error, sharpness, projection.", null)]
    public void Sweep_BadValue_ExitsTwoWithTheVerbsMessageBeforeAnythingIsWritten(string option, string value, string message, string? verbValue)
    {
        using var runner = new CliRunner("sweep-bad");

        var (code, _, stderr) = CliRunner.Run(["sweep", "fit", option, value, "--runs-dir", runner.RunsDir]);

        Assert.Equal(2, code);
        Assert.Contains("error: " + message, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(runner.RunsDir));
        if (verbValue is not null)
        {
            // The verb given the bad value alone says the same.
            var (verbCode, _, verbError) = CliRunner.Run(["fit", option, verbValue, "--runs-dir", runner.RunsDir]);
            Assert.Equal(2, verbCode);
            Assert.StartsWith(verbError.Split('\n')[0], stderr);
        }
    }

    [Fact]
    public void Plan_ListOption_TakesEachOccurrenceWholeAndVariesTheLastAxisFastest()
    {
        var fit = ExperimentCatalog.Default.Find("fit")!;
        var hidden = fit.Options.ByJsonName("hidden")!;
        var rate = fit.Options.ByJsonName("learningRate")!;

        var plan = SweepCommand.Plan(fit, null,
            [(hidden, SweepCommand.Values(hidden, ["4", "8,8"])), (rate, SweepCommand.Values(rate, ["0.1,0.2"]))],
            null, 2, ["loss"], "runs", "sweep");

        Assert.Equal(["hidden 4, learning-rate 0.1", "hidden 4, learning-rate 0.2", "hidden 8,8, learning-rate 0.1", "hidden 8,8, learning-rate 0.2"],
            plan.Points.Select(p => p.Label));
        Assert.Equal([8, 8], ((FitConfig)plan.Points[3].Config).Hidden);
        Assert.Equal(["fit", "--hidden=8,8", "--learning-rate=0.2", "--name", "fit-04-hidden-8-8-learning-rate-0-2"], plan.Points[3].Arguments);
    }

    [SkippableFact]
    public void Sweep_CtrlC_CancelsEveryRunAndLeavesConsistentFiles()
    {
        Skip.IfNot(CliProcess.SignalsWork, "signals cannot be sent on this platform");
        using var runner = new CliRunner("sweep-cancel");

        // Each run waits at its first training step, so the signal finds two runs in training and one not started.
        using var process = CliProcess.Start(["sweep", "fit", "--learning-rate", "0.01,0.02,0.03", .. SmallFit, "--parallel", "2", "--runs-dir", runner.RunsDir, "--no-progress"],
            new Dictionary<string, string> { [PhaseHold.Variable] = "training" });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (MetricsFiles(runner.RunsDir) < 2 && watch.Elapsed < TimeSpan.FromMinutes(3))
            Thread.Sleep(50);
        Assert.Equal(2, MetricsFiles(runner.RunsDir));
        process.Signal(CliProcess.SigInt);
        int code = process.WaitForExit(TimeSpan.FromMinutes(2));

        Assert.Equal(1, code);
        Assert.Contains("Cancelled (Ctrl+C) after 0 of 3 runs", process.Stderr);
        Assert.DoesNotContain("   at ", process.Stderr);
        RunFiles.AssertConsistent(runner.RunsDir);
        string sweep = Assert.Single(Directory.GetDirectories(runner.RunsDir));
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "sweep.json")));
        Assert.Equal("cancelled", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(["cancelled", "cancelled", "not started"], document.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("status").GetString()!));
        foreach (string summary in Directory.GetFiles(sweep, "summary.json", SearchOption.AllDirectories))
            Assert.Contains("\"cancelled\"", File.ReadAllText(summary));
    }

    private static int MetricsFiles(string runsDir) =>
        Directory.Exists(runsDir) ? Directory.GetFiles(runsDir, "metrics.csv", SearchOption.AllDirectories).Length : 0;
}
