using NeuroScope.Cli.Commands;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Neuron;
using static NeuroScope.Cli.Tests.CliRunner;

namespace NeuroScope.Cli.Tests.Neuron;

public sealed class NeuronCurrentsCommandTests : IDisposable
{
    private readonly CliRunner _cli = new("neuron-currents");
    private readonly string _files = Directory.CreateTempSubdirectory("neuron-currents-files-").FullName;

    private string Runs => _cli.RunsDir;

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_files, recursive: true);
    }

    [Fact]
    public void Simulate_WithASumOfCurrents_WritesTheCurrentToTheConfig()
    {
        var (code, _, stderr) = Run("neuron", "simulate", "--current", "20 + sine(amplitude=5,period=25)", "--runs-dir", Runs, "--quiet");

        Assert.True(code == CliApp.Success, stderr);
        string run = Path.Combine(Runs, "neuron-simulate_001");
        var config = ExperimentJson.ReadFile<NeuronConfig>(Path.Combine(run, "config.json"));
        Assert.Equal(["20 + sine(amplitude=5,period=25)"], config.Current);
        var summary = ExperimentJson.Deserialize<NeuronSummary>(File.ReadAllText(Path.Combine(run, "summary.json")), "summary.json");
        Assert.Equal(["constant 20 mV + sine 0 ± 5 mV at 40 Hz"], summary.Currents);
    }

    [Fact]
    public void Fit_SeveralCurrents_FitsEveryRecordingAndDrawsEach()
    {
        var (code, stdout, stderr) = Run("neuron", "fit", "--current", "18; pulse(start=20,stop=180,amplitude=25)", "--iterations", "3",
            "--duration", "60", "--runs-dir", Runs, "--no-progress");

        Assert.True(code == CliApp.Success, stderr);
        string run = Path.Combine(Runs, "neuron-fit_001");
        var summary = ExperimentJson.Deserialize<NeuronSummary>(File.ReadAllText(Path.Combine(run, "summary.json")), "summary.json");
        Assert.Equal(["constant 18 mV", "pulse 25 mV from 20 to 180 ms"], summary.Currents);
        Assert.Contains("summed over 2 recordings", summary.Runs[0].Description);
        Assert.Contains("Recording 2 (pulse 25 mV from 20 to 180 ms)", stdout);
        Assert.True(new FileInfo(Path.Combine(run, "traces.png")).Length > 0);
    }

    [Fact]
    public void Fit_MeasuredTracesFromCsv_FitsThemLikeSimulatedOnes()
    {
        var grid = new TimeGrid(0.1, 60.0);
        string stimulus = Path.Combine(_files, "stimulus.csv"), voltage = Path.Combine(_files, "voltage.csv");
        var current = InputCurrent.Pulse(10, 50, 30);
        File.WriteAllText(stimulus, TraceFile.Format(grid, current.Sample(grid), "time_ms,current_mV"));
        var target = NeuronTarget.Generate(new TargetConfig { Grid = grid, Current = current });
        File.WriteAllText(voltage, TraceFile.Format(grid, target.Trace, "time_ms,voltage_mV"));

        var (code, _, stderr) = Run("neuron", "fit", "--current", $"csv(file={stimulus})", "--target-voltage", voltage, "--iterations", "2",
            "--duration", "60", "--runs-dir", Runs, "--quiet");

        Assert.True(code == CliApp.Success, stderr);
        var config = ExperimentJson.ReadFile<NeuronConfig>(Path.Combine(Runs, "neuron-fit_001", "config.json"));
        var problem = Assert.Single(config.Problems());
        Assert.Equal(target.SpikeTimes, problem.Target.SpikeTimes);
        Assert.Equal(target.CurrentSamples, problem.Target.CurrentSamples);
    }

    [Theory]
    [InlineData("pulse(start=20,stop=80,amplitud=25)", "pulse has no parameter 'amplitud'; its parameters: start, stop, amplitude")]
    [InlineData("sine(amplitude=5,period=-2)", "sine: period = -2 is out of range; allowed: 0.001..1000000 ms")]
    [InlineData("noise(mean=18,std=3,seed=1) + wave(a=1)", "'wave' is not a current")]
    [InlineData("1,5", "',' at position 2 was not expected")]
    public void BadCurrent_ExitsWithTwoNamingTheOptionTheCurrentAndTheParameter(string current, string expected)
    {
        var (code, _, stderr) = Run("neuron", "simulate", "--current", current, "--runs-dir", Runs, "--quiet");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("--current", stderr);
        Assert.Contains(expected, stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Directory.Exists(Runs), "bad input must not create the runs folder");
    }

    [Theory]
    [InlineData("0,1\n0.1,NaN\n", "line 2: the current (mV) is NaN; it must be a finite number")]
    [InlineData("0,1\n0.2,1\n0.1,1\n", "line 2: the time 0.2 ms is not on the simulation's grid (dt = 0.1 ms, expected 0.1)")]
    [InlineData("0,1\n0.1,1\n0.1,1\n", "line 3: the time 0.1 ms appears twice")]
    [InlineData("0,1\n0.1,1\n0.2,1\n", "the file ends at 0.2 ms (3 samples) but the run lasts 10 ms (101 samples at dt = 0.1)")]
    public void BadCurrentCsv_ExitsWithTwoBeforeAnythingIsWritten(string content, string expected)
    {
        string file = Path.Combine(_files, "bad.csv");
        File.WriteAllText(file, content);

        var (code, _, stderr) = Run("neuron", "simulate", "--current", $"csv(file={file})", "--duration", "10", "--runs-dir", Runs, "--quiet");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("--current", stderr);
        Assert.Contains(expected, stderr);
        Assert.False(Directory.Exists(Runs));
    }

    [Theory]
    [InlineData("0,-70\n0.1,-70\n0.05,-70\n", "the times must be sorted")]
    [InlineData("0,-70\n0.1,Infinity\n", "it must be a finite number")]
    [InlineData(null, "give one trace file per current: 2 currents, 1 file")]
    public void BadTargetVoltage_ExitsWithTwoBeforeAnythingIsWritten(string? content, string expected)
    {
        string file = Path.Combine(_files, "v.csv");
        File.WriteAllText(file, content ?? TraceFile.Format(new TimeGrid(0.1, 10), new double[101], "t,v"));
        string[] currents = content is null ? ["--current", "18; 20"] : ["--current", "18"];

        var (code, _, stderr) = Run(["neuron", "fit", .. currents, "--target-voltage", file, "--duration", "10", "--runs-dir", Runs, "--quiet"]);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("--target-voltage", stderr);
        Assert.Contains(expected, stderr);
        Assert.False(Directory.Exists(Runs));
    }

    [Fact]
    public void SeveralCurrents_OutsideFit_ExitWithTwo()
    {
        var (code, _, stderr) = Run("neuron", "simulate", "--current", "18; 20", "--runs-dir", Runs, "--quiet");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("only the fit mode takes several currents", stderr);
    }

    [Fact]
    public void Help_ListsEveryCurrentWithItsParameters()
    {
        var (code, stdout, _) = Run("neuron", "fit", "--help");

        Assert.Equal(CliApp.Success, code);
        foreach (var kind in Currents.Kinds)
            Assert.Contains(kind.Signature, stdout);
        Assert.Contains("--target-voltage", stdout);
    }

    [Fact]
    public void Config_CurrentAsANumberOrAList_IsRead()
    {
        var one = ExperimentJson.Deserialize<NeuronConfig>("""{ "current": 18 }""", "a.json");
        var several = ExperimentJson.Deserialize<NeuronConfig>("""{ "mode": "fit", "current": ["18", "pulse(start=20,stop=180,amplitude=25)"] }""", "b.json");

        Assert.Equal(["18"], one.Current);
        Assert.Equal(2, several.Problems().Count);
        Assert.Equal(several.Current, ExperimentJson.Deserialize<NeuronConfig>(ExperimentJson.Serialize(several), "c.json").Current);
        Assert.Contains("\"pulse(start=20,stop=180,amplitude=25)\"", ExperimentJson.Serialize(several));
    }
}
