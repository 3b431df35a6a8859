using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public sealed class CurrentsTests : IDisposable
{
    private static readonly TimeGrid Grid = new(0.1, 100.0);
    private readonly string _folder = Directory.CreateTempSubdirectory("currents-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The samples the simulator integrates (a target's CurrentSamples) at chosen times, against each current's definition.
    [Theory]
    [InlineData("20", 0.0, 20.0)]
    [InlineData("constant(amplitude=-7.5)", 55.0, -7.5)]
    [InlineData("pulse(start=20,stop=80,amplitude=25)", 19.9, 0.0)]
    [InlineData("pulse(start=20,stop=80,amplitude=25)", 20.0, 25.0)]
    [InlineData("pulse(start=20,stop=80,amplitude=25)", 80.0, 25.0)]
    [InlineData("pulse(start=20,stop=80,amplitude=25)", 80.1, 0.0)]
    [InlineData("step(time=30,amplitude=12,baseline=2)", 29.9, 2.0)]
    [InlineData("step(time=30,amplitude=12)", 30.0, 12.0)]
    [InlineData("ramp(start=10,stop=50,from=0,to=40)", 5.0, 0.0)]
    [InlineData("ramp(start=10,stop=50,from=0,to=40)", 30.0, 20.0)]
    [InlineData("ramp(start=10,stop=50,from=0,to=40)", 90.0, 40.0)]
    [InlineData("sine(amplitude=5,period=20)", 5.0, 5.0)]
    [InlineData("sine(amplitude=5,period=20,offset=10)", 15.0, 5.0)]
    [InlineData("sine(amplitude=5,period=40,phase=1.5707963267948966)", 0.0, 5.0)]
    [InlineData("20 + sine(amplitude=5,period=20)", 10.0, 20.0)]
    [InlineData("20 + sine(amplitude=5,period=20) + pulse(start=50,stop=60,amplitude=3)", 55.0, 18.0)]
    public void Current_SimulatedSamples_MatchTheDefinition(string text, double time, double expected)
    {
        var target = NeuronTarget.Generate(new TargetConfig { Grid = Grid, Current = Currents.Parse(text, Grid) });

        double sample = target.CurrentSamples[(int)Math.Round(time / Grid.Dt)];

        Assert.Equal(expected, sample, 9);
    }

    [Fact]
    public void Noise_IsTheSeededGaussianItsParametersName()
    {
        var parsed = Currents.Parse("noise(mean=18,std=3,seed=1)", Grid);
        var other = Currents.Parse("noise(mean=18,std=3,seed=2)", Grid);

        var samples = parsed.Sample(Grid);

        Assert.Equal(new NoiseCurrent(18, 3, 1, 0.1), parsed);
        Assert.Equal(new NoiseCurrent(18, 3, 1, 0.1).At(42.0), samples[420]);
        Assert.NotEqual(samples, other.Sample(Grid));
        Assert.InRange(samples.Average(), 17.5, 18.5);
        double sd = Math.Sqrt(samples.Select(v => (v - samples.Average()) * (v - samples.Average())).Average());
        Assert.InRange(sd, 2.7, 3.3);
    }

    [Fact]
    public void Csv_ReplaysTheRecordedSamples()
    {
        var values = Enumerable.Range(0, Grid.Points).Select(i => i % 100 < 50 ? 25.0 : 10.0 + i * 0.001).ToArray();
        string file = Path.Combine(_folder, "stimulus.csv");
        File.WriteAllText(file, TraceFile.Format(Grid, values, "time_ms,current_mV"));

        var current = Currents.Parse($"csv(file={file})", Grid);
        var target = NeuronTarget.Generate(new TargetConfig { Grid = Grid, Current = current });

        Assert.Equal(values, target.CurrentSamples);
        Assert.Equal(25.0, current.At(10.04));
        Assert.Equal(10.0 + 75 * 0.001, current.At(7.5));
    }

    [Fact]
    public void Csv_RelativePath_IsReadFromTheBaseDirectory()
    {
        File.WriteAllText(Path.Combine(_folder, "s.csv"), TraceFile.Format(Grid, new double[Grid.Points], "t,i"));

        var current = Currents.Parse("5 + csv(file=\"s.csv\")", Grid, _folder);

        Assert.Equal(5.0, current.At(50));
    }

    [Theory]
    [InlineData("wave(amplitude=3)", "'wave' is not a current; allowed: constant, pulse, step, ramp, sine, noise, csv")]
    [InlineData("pulse(start=20,stop=80,amplitud=25)", "pulse has no parameter 'amplitud'; its parameters: start, stop, amplitude")]
    [InlineData("pulse(start=20,stop=80)", "pulse: amplitude is missing")]
    [InlineData("pulse(start=80,stop=20,amplitude=25)", "pulse: stop (20 ms) must not be before start (80 ms)")]
    [InlineData("sine(amplitude=5,period=0)", "sine: period = 0 is out of range; allowed: 0.001..1000000 ms")]
    [InlineData("noise(mean=18,std=-3)", "noise: std = -3 is out of range; allowed: 0..1000 mV")]
    [InlineData("noise(mean=18,std=3,seed=1.5)", "noise: seed = 1.5 is out of range; allowed: a whole number 0..2147483647")]
    [InlineData("step(time=10,amplitude=1,000)", "step has no parameter '000'")]
    [InlineData("pulse(start=1e999,stop=80,amplitude=25)", "pulse: start = '1e999' is not a number")]
    [InlineData("20 +", "a term is missing at the end")]
    [InlineData("20 * 2", "'*' at position 4 was not expected; terms are joined with +")]
    [InlineData("", "the current is empty")]
    [InlineData("sine", "sine needs its arguments in parentheses: sine(amplitude, period, offset, phase)")]
    [InlineData("csv(file=missing.csv)", "csv: the file")]
    public void BadCurrent_NamesTheCurrentTheParameterAndWhatIsAllowed(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => Currents.Parse(text, Grid, _folder));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Help_ListsEveryCurrentWithItsParametersAndRanges()
    {
        string help = Currents.Help();

        foreach (var kind in Currents.Kinds)
        {
            Assert.Contains(kind.Signature, help);
            foreach (var parameter in kind.Parameters)
                Assert.Contains($"{parameter.Name}: {parameter.Description} ({parameter.Allowed})", help);
        }
        Assert.Contains("period: one cycle (0.001..1000000 ms, required)", help);
    }

    [Fact]
    public void SplitRecordings_SplitsOnSemicolonsAndRepeats()
    {
        Assert.Equal(["18", "pulse(start=20,stop=80,amplitude=25)", "20"], Currents.SplitRecordings(["18; pulse(start=20,stop=80,amplitude=25)", "20"]));
    }
}
