using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class SpikeDetectorTests
{
    [Theory]
    [InlineData(16.0, 0.1)]
    [InlineData(20.0, 0.1)]
    [InlineData(45.0, 0.1)]
    [InlineData(30.0, 1.0)]
    public void Detect_FindsEverySpikeOfASimulatedTrace(double current, double dt)
    {
        var p = LifParameters.Default;
        var grid = new TimeGrid(dt, 400.0);
        var result = LifSimulator.Simulate(p, grid, InputCurrent.Constant(current));

        var detected = SpikeDetector.Detect(result.Trace, grid, p);

        Assert.NotEmpty(result.SpikeTimes);
        Assert.Equal(result.SpikeTimes, detected);
    }

    [Fact]
    public void Detect_PulsedAndInterpolatedTraces_FindEverySpike()
    {
        var p = LifParameters.TargetDefault;
        var grid = new TimeGrid(0.1, 300.0);
        var current = InputCurrent.Pulses(new PulseCurrent(20, 120, 30), new PulseCurrent(180, 260, 50));

        var plain = LifSimulator.Simulate(p, grid, current);
        var interpolated = LifSimulator.Simulate(p, grid, current, interpolateSpikes: true);
        var plainDetected = SpikeDetector.Detect(plain.Trace, grid, p);
        var interpolatedDetected = SpikeDetector.Detect(interpolated.Trace, grid, p);

        Assert.Equal(plain.SpikeTimes, plainDetected);
        // An interpolated spike lies inside the step that ends at the detected reset sample.
        Assert.Equal(interpolated.SpikeTimes.Length, interpolatedDetected.Length);
        for (int i = 0; i < interpolatedDetected.Length; i++)
            Assert.InRange(interpolatedDetected[i] - interpolated.SpikeTimes[i], 0.0, grid.Dt + 1e-12);
    }

    [Fact]
    public void Detect_NoisyTarget_FindsTheTrueSpikes()
    {
        var target = NeuronTarget.Generate(new TargetConfig { Grid = new TimeGrid(0.1, 400), Current = InputCurrent.Constant(30), NoiseStandardDeviation = 1.0, Seed = 3 });

        var detected = SpikeDetector.Detect(target.Trace, target.Grid, target.Parameters);

        Assert.True(target.SpikeTimes.Length >= 5);
        Assert.Equal(target.SpikeTimes, detected);
    }

    [Fact]
    public void Detect_HyperpolarizedStartAndDecayThroughReset_AreNotSpikes()
    {
        var p = LifParameters.Default;
        var grid = new TimeGrid(0.1, 100.0);

        var recovering = LifSimulator.Simulate(p, grid, InputCurrent.Constant(0.0), InitialCondition.Hyperpolarized);
        var sinking = LifSimulator.Simulate(p, grid, InputCurrent.Constant(-30.0), InitialCondition.Threshold);

        Assert.Empty(SpikeDetector.Detect(recovering.Trace, grid, p));
        Assert.Empty(SpikeDetector.Detect(sinking.Trace, grid, p));
    }
}
