using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class InputCurrentTests
{
    [Fact]
    public void Pulse_IncludesBothEndsOnTheGrid()
    {
        var grid = new TimeGrid(0.1, 1.0);
        var pulse = InputCurrent.Pulse(0.3, 0.7, 5.0);

        var samples = pulse.Sample(grid);

        // 0.1·3 is 0.30000000000000004 in binary: the tolerance keeps it inside.
        Assert.Equal([0, 0, 0, 5, 5, 5, 5, 5, 0, 0, 0], samples);
    }

    [Fact]
    public void Pulses_SumWhereTheyOverlap()
    {
        var current = InputCurrent.Pulses(new PulseCurrent(1, 3, 2.0), new PulseCurrent(2, 4, 3.0));

        Assert.Equal(0.0, current.At(0.5));
        Assert.Equal(2.0, current.At(1.5));
        Assert.Equal(5.0, current.At(2.5));
        Assert.Equal(3.0, current.At(4.0));
    }

    [Fact]
    public void StepRampSine_FollowTheirFormulas()
    {
        var step = InputCurrent.Step(10, 7, baseline: 1);
        var ramp = InputCurrent.Ramp(10, 20, 0, 10);
        var sine = InputCurrent.Sine(amplitude: 2, frequency: 50, offset: 1);

        Assert.Equal(1.0, step.At(9.9));
        Assert.Equal(7.0, step.At(10.0));
        Assert.Equal(0.0, ramp.At(5));
        Assert.Equal(2.5, ramp.At(12.5), 12);
        Assert.Equal(10.0, ramp.At(30));
        Assert.Equal(1.0 + 2.0 * Math.Sin(2 * Math.PI * 50 * 3.0 / 1000.0), sine.At(3.0), 12);
    }

    [Fact]
    public void Noise_IsReproducibleAndHasItsMeanAndDeviation()
    {
        var grid = new TimeGrid(0.1, 2000.0);
        var noise = InputCurrent.Noise(mean: 5.0, standardDeviation: 2.0, seed: 7);

        var a = noise.Sample(grid);
        var b = InputCurrent.Noise(5.0, 2.0, 7).Sample(grid);
        var other = InputCurrent.Noise(5.0, 2.0, 8).Sample(grid);
        double mean = a.Average(), std = Math.Sqrt(a.Select(x => (x - mean) * (x - mean)).Average());

        Assert.Equal(a, b);
        Assert.NotEqual(a, other);
        // 20,001 draws: the standard error of the mean is 2/√20001 ≈ 0.014.
        Assert.InRange(mean, 4.94, 5.06);
        Assert.InRange(std, 1.94, 2.06);
    }

    [Fact]
    public void Pulse_EndBeforeStart_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => InputCurrent.Pulse(5, 3, 1));

        Assert.Equal("end", error.ParamName);
        Assert.Contains("must not be before start (5 ms)", error.Message);
    }
}
