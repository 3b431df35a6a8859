using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class SpikeTrainLossTests
{
    [Fact]
    public void EarthMover_EqualCounts_IsTheSumOfShifts()
    {
        double[] a = [10.0, 50.0, 90.0];
        double[] b = [12.5, 47.0, 90.0];

        double d = NeuronLosses.EarthMover(a, b, 100.0);

        Assert.Equal(2.5 + 3.0 + 0.0, d, 12);
        Assert.Equal(d, NeuronLosses.EarthMover(b, a, 100.0), 12);
    }

    [Fact]
    public void EarthMover_UnmatchedSpike_CostsTheTimeToTheEnd()
    {
        double[] a = [10.0, 70.0];
        double[] b = [10.0];

        Assert.Equal(100.0 - 70.0, NeuronLosses.EarthMover(a, b, 100.0), 12);
        Assert.Equal(0.0, NeuronLosses.EarthMover([], [], 100.0));
    }

    [Fact]
    public void MatchedVoltage_LeavesOutTheSamplesBetweenASpikeAndItsPartner()
    {
        // Spikes at samples 2 (simulated) and 4 (target), dt = 1: samples 2 and 3 hold different counts.
        double[] simulated = [0, 1, 9, 9, 9, 9];
        double[] target = [0, 3, 1, 1, 9, 9];

        double loss = NeuronLosses.MatchedVoltageMse(simulated, target, [2.0], [4.0], 1.0);

        // Kept: samples 0, 1, 4, 5 with squared differences 0, 4, 0, 0.
        Assert.Equal(4.0 / 4, loss, 12);
    }

    [Fact]
    public void Combined_IncludesTheNewComponentsWithTheirWeights()
    {
        var target = NeuronTarget.Generate(new TargetConfig { Grid = new TimeGrid(0.1, 200.0) });
        var simulated = LifSimulator.Simulate(LifParameters.Default with { VReset = -75 }, target.Grid, target.CurrentSamples);
        var settings = new LossSettings { Weights = LossWeights.Recovery };

        var breakdown = NeuronLosses.Evaluate(simulated, target, settings);

        Assert.Equal(10.0 * breakdown[NeuronLoss.MatchedVoltage] + 0.1 * breakdown[NeuronLoss.EarthMover], breakdown.Total, 9);
        Assert.Equal(NeuronLosses.EarthMover(simulated.SpikeTimes, target.SpikeTimes, 200.0), breakdown[NeuronLoss.EarthMover], 12);
        Assert.Equal(breakdown.Total, NeuronLosses.Compute(NeuronLoss.Combined, simulated, target, settings), 12);
    }

    [Theory]
    [InlineData(-52.6, -1)]
    [InlineData(-51.8, +1)]
    public void Surrogate_EarthMover_PointsTheThresholdTowardTheTargetTiming(double threshold, int sign)
    {
        // Same tau as the target: a lower threshold fires early (raise it: ∂L/∂v_threshold < 0), a higher one late.
        var target = NeuronTarget.Generate(new TargetConfig { Grid = new TimeGrid(0.1, 200.0) });
        var problem = new NeuronProblem(target, NeuronLoss.EarthMover);
        var start = target.Parameters with { VThreshold = threshold };

        var g = DifferentiableLif.Gradient(problem, start, ["v_threshold"]);

        Assert.Equal(target.SpikeTimes.Length, problem.Simulate(start).SpikeCount);
        Assert.Equal(problem.Evaluate(start), g.Loss, 9);
        Assert.Equal(sign, Math.Sign(g["v_threshold"]));
    }

    [Fact]
    public void Surrogate_MatchedVoltage_EqualsThePlainLoss()
    {
        var target = NeuronTarget.Generate(new TargetConfig { Grid = new TimeGrid(0.1, 200.0) });
        var problem = new NeuronProblem(target, NeuronLoss.MatchedVoltage);
        var start = new LifParameters(22.0, -70.0, -53.0, -75.0);

        var g = DifferentiableLif.Gradient(problem, start, ["tau", "v_threshold"]);

        Assert.Equal(problem.Evaluate(start), g.Loss, 9);
        Assert.NotEqual(0.0, g["tau"]);
        // The reset is detached and the mask is constant: the threshold has no path into this loss.
        Assert.Equal(0.0, g["v_threshold"]);
    }
}
