using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class LifSimulatorTests
{
    [Fact]
    public void Step_MatchesTheEulerFormula()
    {
        var p = new LifParameters(tau: 20, vRest: -70, vThreshold: -55, vReset: -80);
        double v = -62.0, current = 12.0, dt = 0.5;

        double next = LifSimulator.Step(v, current, p, dt, out bool spiked);

        Assert.False(spiked);
        Assert.Equal(v + dt * (-(v - p.VRest) + current) / p.Tau, next);
    }

    [Fact]
    public void Step_ReachingThreshold_SpikesAndResets()
    {
        var p = LifParameters.Default;

        double next = LifSimulator.Step(-55.5, 40.0, p, 1.0, out bool spiked);

        Assert.True(spiked);
        Assert.Equal(p.VReset, next);
    }

    [Fact]
    public void SubThreshold_ApproachesTheExponentialWithinEulersError()
    {
        var p = LifParameters.Default;
        double current = 10.0, v0 = p.VRest, vInf = p.VRest + current;
        double ErrorFor(double dt)
        {
            var grid = new TimeGrid(dt, 100.0);
            var result = LifSimulator.Simulate(p, grid, InputCurrent.Constant(current));
            double worst = 0;
            for (int k = 0; k < grid.Points; k++)
                worst = Math.Max(worst, Math.Abs(result.Trace[k] - (vInf + (v0 - vInf) * Math.Exp(-grid.Time(k) / p.Tau))));
            return worst;
        }

        double coarse = ErrorFor(0.2), fine = ErrorFor(0.1);

        // Euler's global error is first order: below |V0 − V∞|·dt/tau (the bound's constant is e⁻¹/2 < 1), and it halves with dt.
        Assert.True(fine < Math.Abs(v0 - vInf) * 0.1 / p.Tau, $"error {fine}");
        Assert.InRange(coarse / fine, 1.9, 2.1);
    }

    [Theory]
    [InlineData(20.0)]
    [InlineData(30.0)]
    [InlineData(45.0)]
    public void ConstantCurrent_InterSpikeIntervalMatchesClosedFormWithinOneStep(double current)
    {
        var p = LifParameters.Default;
        var grid = new TimeGrid(0.1, 300.0);
        double expected = p.Tau * Math.Log((p.VRest + current - p.VReset) / (p.VRest + current - p.VThreshold));

        var stats = LifSimulator.Simulate(p, grid, InputCurrent.Constant(current)).Statistics;

        Assert.True(stats.Count >= 3);
        foreach (double isi in stats.InterSpikeIntervals)
            Assert.True(Math.Abs(isi - expected) <= grid.Dt, $"ISI {isi} vs {expected}");
    }

    [Fact]
    public void Statistics_CountRateAndIntervals()
    {
        var stats = SpikeStatistics.From([10.0, 30.0, 60.0], duration: 500.0);

        Assert.Equal(3, stats.Count);
        Assert.Equal(6.0, stats.RateHz);
        Assert.Equal([20.0, 30.0], stats.InterSpikeIntervals);
        Assert.Equal(25.0, stats.MeanInterSpikeInterval);
    }

    [Fact]
    public void SpanOverload_AllocatesNothing()
    {
        var p = LifParameters.Default;
        var current = new double[1000];
        Array.Fill(current, 20.0);
        var trace = new double[1001];
        var spikes = new double[64];
        // Warm up past tiered compilation, whose re-JIT can allocate on this thread.
        for (int run = 0; run < 50; run++)
            LifSimulator.Simulate(p, 0.1, current, -70, trace, spikes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int count = 0;
        for (int run = 0; run < 200; run++)
            count = LifSimulator.Simulate(p, 0.1, current, -70, trace, spikes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(count > 0);
    }

    [Fact]
    public void SpanOverload_SpikeBufferTooSmall_ReturnsTheFullCount()
    {
        var current = new double[1000];
        Array.Fill(current, 40.0);
        var trace = new double[1001];
        var spikes = new double[2];

        int count = LifSimulator.Simulate(LifParameters.Default, 0.1, current, -70, trace, spikes);

        Assert.True(count > 2);
        Assert.Equal(LifSimulator.Simulate(LifParameters.Default, new TimeGrid(0.1, 100), current).SpikeTimes[..2], spikes);
    }

    [Fact]
    public void Interpolation_FirstSpikeIsTheEulerCrossingInsideItsStep()
    {
        var p = LifParameters.Default;
        var grid = new TimeGrid(0.1, 50.0);
        double current = 20.0, vInf = p.VRest + current;
        // The Euler trace is V∞ + (V0 − V∞)(1 − dt/tau)^k; taking k continuous gives the crossing time.
        double expected = grid.Dt * Math.Log((vInf - p.VThreshold) / (vInf - p.VRest)) / Math.Log(1 - grid.Dt / p.Tau);

        var plain = LifSimulator.Simulate(p, grid, InputCurrent.Constant(current));
        var interpolated = LifSimulator.Simulate(p, grid, InputCurrent.Constant(current), interpolateSpikes: true);

        Assert.Equal(expected, interpolated.SpikeTimes[0], 3);
        Assert.InRange(plain.SpikeTimes[0] - interpolated.SpikeTimes[0], 0.0, grid.Dt);
    }

    [Fact]
    public void Interpolation_SpikeTimeMovesContinuouslyWithThreshold()
    {
        var grid = new TimeGrid(0.1, 60.0);
        var current = InputCurrent.Constant(20.0);
        var plainTimes = new List<double>();
        var interpolatedTimes = new List<double>();

        for (int i = 0; i <= 10; i++)
        {
            var p = LifParameters.Default with { VThreshold = -55.0 + 0.01 * i };
            plainTimes.Add(LifSimulator.Simulate(p, grid, current).SpikeTimes[0]);
            interpolatedTimes.Add(LifSimulator.Simulate(p, grid, current, interpolateSpikes: true).SpikeTimes[0]);
        }

        // dt_spike/dθ = tau/(V∞ − θ) ≈ 4 ms/mV, so 0.01 mV moves the spike by ≈ 0.04 ms, less than a step.
        for (int i = 1; i < interpolatedTimes.Count; i++)
            Assert.InRange(interpolatedTimes[i] - interpolatedTimes[i - 1], 0.03, 0.05);
        Assert.All(plainTimes, t => Assert.Equal(0.0, Math.Abs(t / grid.Dt - Math.Round(t / grid.Dt)), 9));
    }
}
