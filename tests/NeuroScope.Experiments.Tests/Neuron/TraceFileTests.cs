using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class TraceFileTests
{
    private static readonly TimeGrid Grid = new(0.5, 2.0);

    [Fact]
    public void Parse_HeaderAndGridRows_GivesOneValuePerPoint()
    {
        var values = TraceFile.Parse(["time_ms,voltage_mV", "0,-70", "0.5,-69.5", "1.0,-69", "1.5000001,-68.5", "2,-68", ""], Grid, "voltage (mV)", "v.csv");

        Assert.Equal([-70, -69.5, -69, -68.5, -68], values);
    }

    [Theory]
    [InlineData(new[] { "0,1", "0.5,NaN", "1,1", "1.5,1", "2,1" }, "v.csv line 2: the voltage (mV) is NaN; it must be a finite number")]
    [InlineData(new[] { "0,1", "0.5,Infinity", "1,1", "1.5,1", "2,1" }, "v.csv line 2: the voltage (mV) is Infinity")]
    [InlineData(new[] { "0,1", "1,1", "0.5,1", "1.5,1", "2,1" }, "v.csv line 2: the time 1 ms is not on the simulation's grid (dt = 0.5 ms, expected 0.5)")]
    [InlineData(new[] { "0,1", "0.5,1", "0.25,1", "1.5,1", "2,1" }, "v.csv line 3: the time 0.25 ms comes after 0.5 ms; the times must be sorted")]
    [InlineData(new[] { "0,1", "0.5,1", "0.5,1", "1.5,1", "2,1" }, "v.csv line 3: the time 0.5 ms appears twice")]
    [InlineData(new[] { "0,1", "0.5,1", "1,1" }, "v.csv: the file ends at 1 ms (3 samples) but the run lasts 2 ms (5 samples at dt = 0.5)")]
    [InlineData(new[] { "0,1", "0.5,1", "1,1", "1.5,1", "2,1", "2.5,1" }, "v.csv: the file goes beyond the run's duration (2 ms, 5 samples)")]
    [InlineData(new[] { "0,1", "0.5,1,2" }, "v.csv line 2: '0.5,1,2' has 3 fields")]
    [InlineData(new[] { "0,1", "0.5,1.5e", "1,1" }, "v.csv line 2: the voltage (mV) '1.5e' is not a number")]
    [InlineData(new[] { "time,voltage" }, "v.csv: the file holds no time, voltage (mV) rows")]
    public void Parse_BadFile_SaysWhichLineAndWhy(string[] lines, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TraceFile.Parse(lines, Grid, "voltage (mV)", "v.csv"));

        Assert.Contains(expected, error.Message);
    }
}
