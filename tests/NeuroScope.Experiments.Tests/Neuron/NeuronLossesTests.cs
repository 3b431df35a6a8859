using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class NeuronLossesTests
{
    [Fact]
    public void VoltageMse_IsTheMeanSquaredDifference()
    {
        double loss = NeuronLosses.VoltageMse([1.0, 2.0, -3.0], [0.0, 0.0, 0.0]);

        Assert.Equal((1.0 + 4.0 + 9.0) / 3.0, loss);
    }

    [Fact]
    public void SubthresholdMse_SkipsPointsWhereEitherTraceIsAtReset()
    {
        double[] simulated = [-60, -80, -62, -61];
        double[] target = [-61, -64, -75, -60];

        double loss = NeuronLosses.SubthresholdMse(simulated, target, simulatedReset: -80, targetReset: -75);

        // Points 1 (simulated at reset) and 2 (target at reset) are left out: (1² + 1²)/2.
        Assert.Equal(1.0, loss);
    }

    [Fact]
    public void SpikeTiming_CapsAndAveragesOverTargetSpikes()
    {
        double loss = NeuronLosses.SpikeTiming(simulated: [12.0, 70.0], target: [10.0, 50.0, 71.0], maxDelay: 10.0);

        // 10 → 12: 4; 50 → nearest 70 (20 ms): capped at 100; 71 → 70: 1.
        Assert.Equal((4.0 + 100.0 + 1.0) / 3.0, loss);
    }

    [Fact]
    public void SpikeTiming_EmptyTrains_CostMaxDelaySquaredOrNothing()
    {
        Assert.Equal(25.0, NeuronLosses.SpikeTiming([], [10.0, 20.0], 5.0));
        Assert.Equal(25.0, NeuronLosses.SpikeTiming([10.0], [], 5.0));
        Assert.Equal(0.0, NeuronLosses.SpikeTiming([], [], 5.0));
    }

    [Fact]
    public void CountAndRate_FollowTheirDefinitions()
    {
        Assert.Equal(2.0, NeuronLosses.SpikeCount(5, 3));
        // 5 and 3 spikes in 500 ms are 10 and 6 Hz.
        Assert.Equal(16.0, NeuronLosses.FiringRate(5, 3, 500.0));
    }

    [Fact]
    public void VanRossum_MatchesItsIntegralForSimpleTrains()
    {
        const double tau = 10.0, shift = 4.0;

        double oneVersusNone = NeuronLosses.VanRossum([20.0], [], tau);
        double identical = NeuronLosses.VanRossum([5.0, 30.0], [5.0, 30.0], tau);
        double shifted = NeuronLosses.VanRossum([20.0], [20.0 + shift], tau);

        // (1/τ)∫₀^∞ e^(−2t/τ) dt = 1/2; for a shift Δ, (1/τ)∫(f − g)² = 1 − e^(−Δ/τ).
        Assert.Equal(Math.Sqrt(0.5), oneVersusNone, 12);
        Assert.Equal(0.0, identical, 6);
        Assert.Equal(Math.Sqrt(1 - Math.Exp(-shift / tau)), shifted, 12);
    }

    [Fact]
    public void VictorPurpura_ShiftsWhenCheapAndDeletesWhenNot()
    {
        Assert.Equal(1.0, NeuronLosses.VictorPurpura([1.0, 2.0, 3.0], [7.0, 9.0], cost: 0.0));
        Assert.Equal(0.2, NeuronLosses.VictorPurpura([10.0], [12.0], cost: 0.1), 12);
        Assert.Equal(2.0, NeuronLosses.VictorPurpura([10.0], [40.0], cost: 0.1));
        Assert.Equal(0.2 + 1.0, NeuronLosses.VictorPurpura([10.0, 50.0], [12.0], cost: 0.1), 12);
    }

    [Fact]
    public void Combined_IsTheWeightedSumOfItsComponents()
    {
        var target = NeuronTarget.Generate(new TargetConfig { Grid = new TimeGrid(0.1, 200) });
        var simulated = LifSimulator.Simulate(LifParameters.Default, target.Grid, target.CurrentSamples);
        var settings = new LossSettings();

        var breakdown = NeuronLosses.Evaluate(simulated, target, settings);

        Assert.Equal(NeuronLosses.VoltageMse(simulated.Trace, target.Trace), breakdown[NeuronLoss.Voltage]);
        Assert.Equal(Math.Abs(simulated.SpikeCount - target.SpikeTimes.Length), breakdown[NeuronLoss.SpikeCount]);
        Assert.Equal(1.0 * breakdown[NeuronLoss.Voltage] + 10.0 * breakdown[NeuronLoss.SpikeCount] + 5.0 * breakdown[NeuronLoss.SpikeTiming] + 2.0 * breakdown[NeuronLoss.FiringRate],
            breakdown.Total, 9);
        Assert.Equal(breakdown.Total, NeuronLosses.Compute(NeuronLoss.Combined, simulated, target, settings));
    }

    [Fact]
    public void Target_NoiseIsSeededAndClipped()
    {
        var config = new TargetConfig { NoiseStandardDeviation = 40.0, Seed = 11 };

        var a = NeuronTarget.Generate(config);
        var b = NeuronTarget.Generate(config);
        var clean = NeuronTarget.Generate(config with { NoiseStandardDeviation = 0.0 });

        Assert.Equal(a.Trace, b.Trace);
        Assert.All(a.Trace, v => Assert.InRange(v, -75.0 - 10.0, -52.0 + 10.0));
        Assert.Contains(a.Trace, v => v == -85.0);
        Assert.Equal(clean.Trace, clean.CleanTrace);
        Assert.Equal(clean.CleanTrace, a.CleanTrace);
    }

    [Fact]
    public void Settings_NegativeWeight_NamesTheField()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LossWeights().With(NeuronLoss.SpikeTiming, -1));

        Assert.Equal("timing", error.ParamName);
        Assert.Contains("at least 0, but was -1", error.Message);
    }
}
