using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class NeuronExperimentTests
{
    [Fact]
    public void Silent_ThresholdHasNoGradientAndAFlatLandscapeAboveThePlateau()
    {
        var config = new NeuronConfig { Mode = NeuronMode.Silent, Iterations = 20, Points = 5 };

        var result = new NeuronExperiment().Run(config);

        Assert.Empty(result.Target.SpikeTimes);
        var fromAbove = result.Runs[2];
        Assert.Equal(-45.0, fromAbove.Result.Final.VThreshold);
        Assert.All(fromAbove.Result.History, step => Assert.Equal(0.0, step.Gradient![1]));
        var sweep = result.Sweeps[0].Landscape;
        double plateau = config.Target.VRest + config.SilentCurrent;
        var flat = sweep.Values.Select((v, i) => (v, loss: sweep.Losses[i])).Where(p => p.v > plateau + 1e-9).Select(p => p.loss).ToArray();
        Assert.True(flat.Length > 10);
        Assert.All(flat, loss => Assert.Equal(flat[0], loss, 12));
    }

    [Fact]
    public void Simulate_ReportsBothNeuronsAndFitsNothing()
    {
        var result = new NeuronExperiment().Run(new NeuronConfig { Mode = NeuronMode.Simulate });

        Assert.Empty(result.Runs);
        Assert.Equal(6, result.Initial.SpikeCount);
        Assert.Equal(3, result.Target.SpikeTimes.Length);
    }

    [Fact]
    public void Landscape_SweepsEachParameterAndGridsTheFirstTwo()
    {
        var config = new NeuronConfig { Mode = NeuronMode.Landscape, Loss = NeuronLoss.Voltage, Points = 7, Ranges = [[20, 30], [-54, -50]] };

        var result = new NeuronExperiment().Run(config);

        Assert.Equal(2, result.Sweeps.Count);
        Assert.NotNull(result.Grid);
        Assert.Equal(7, result.Grid!.XValues.Length);
        Assert.Equal((25.0, -52.0), result.Grid.Minimum);
        Assert.Equal(0.0, result.Grid.MinimumLoss);
    }

    [Fact]
    public void Fit_Mode_RunsOneFitWithTheConfiguredSource()
    {
        var config = new NeuronConfig
        {
            Mode = NeuronMode.Fit, Gradient = GradientSource.FiniteDifference, Loss = NeuronLoss.EarthMover, Interpolate = true, Iterations = 300,
        };
        var reports = new List<ExperimentProgress>();

        var result = new NeuronExperiment().Run(config, new SyncProgress(reports.Add));

        var run = Assert.Single(result.Runs);
        Assert.True(run.MaxError < 1.5, $"largest error {run.MaxError}");
        Assert.Equal(config.Iterations + 1, reports.Count(r => r.Metrics is not null));
        Assert.True(reports[0].Metrics!.ContainsKey("grad_v_threshold"));
    }

    [Theory]
    [InlineData("learningRate")]
    [InlineData("dt")]
    [InlineData("parameters")]
    [InlineData("initial")]
    [InlineData("ranges")]
    [InlineData("gradient")]
    public void Config_BadValue_NamesTheField(string field)
    {
        var config = field switch
        {
            "learningRate" => new NeuronConfig { LearningRate = 0 },
            "dt" => new NeuronConfig { Dt = 500 },
            "parameters" => new NeuronConfig { Parameters = ["tau", "threshold"] },
            "initial" => new NeuronConfig { Initial = LifParameters.Default with { VReset = -50 } },
            "ranges" => new NeuronConfig { Ranges = [[30, 20], [-54, -50]] },
            _ => new NeuronConfig { Mode = NeuronMode.Fit, Loss = NeuronLoss.SpikeTiming },
        };

        var error = Assert.Throws<ConfigException>(() => new NeuronExperiment().Run(config));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Config_RoundTripsThroughJson()
    {
        var config = new NeuronConfig { Mode = NeuronMode.Fit, Initial = new LifParameters(18, -70, -56, -75), Ranges = [[20, 30], [-54, -50]] };

        var copy = ExperimentJson.Deserialize<NeuronConfig>(ExperimentJson.Serialize(config), "config.json");

        Assert.Equal(config.Initial, copy.Initial);
        Assert.Equal(config.Weights, copy.Weights);
        Assert.Equal(config.StepScales, copy.StepScales);
        Assert.Equal(NeuronMode.Fit, copy.Mode);
    }

    private sealed class SyncProgress(Action<ExperimentProgress> handler) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => handler(value);
    }
}
