using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class TimeGridTests
{
    [Fact]
    public void Grid_HasPointsZeroToTotalInclusive()
    {
        var grid = new TimeGrid(dt: 0.1, totalTime: 100.0);

        var times = grid.Times();

        Assert.Equal(1000, grid.Steps);
        Assert.Equal(1001, times.Length);
        Assert.Equal(0.0, times[0]);
        Assert.Equal(100.0, times[^1], 12);
        Assert.Empty(grid.Warnings);
        Assert.Null(grid.Warning);
    }

    [Fact]
    public void Grid_DtAboveTotal_NamesBothValues()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TimeGrid(dt: 2.0, totalTime: 1.0));

        Assert.Equal("dt", error.ParamName);
        Assert.Contains("dt (2 ms) must not exceed t_total (1 ms)", error.Message);
    }

    [Theory]
    [InlineData(0.0, 10.0, "dt")]
    [InlineData(-0.1, 10.0, "dt")]
    [InlineData(0.1, 0.0, "totalTime")]
    [InlineData(0.1, -3.0, "totalTime")]
    public void Grid_NonPositiveValues_AreRejected(double dt, double total, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TimeGrid(dt, total));

        Assert.Equal(parameter, error.ParamName);
        Assert.Contains("greater than 0 ms", error.Message);
    }

    [Theory]
    [InlineData(0.005, "below 0.01 ms")]
    [InlineData(2.0, "above 1 ms")]
    public void Grid_ExtremeDt_Warns(double dt, string expected)
    {
        var grid = new TimeGrid(dt, 100.0);

        Assert.Contains(grid.Warnings, w => w.Contains(expected));
    }

    [Fact]
    public void Grid_TotalNotAMultipleOfDt_EndsBeforeItAndWarns()
    {
        var grid = new TimeGrid(0.3, 1.0);

        Assert.Equal(3, grid.Steps);
        Assert.Equal(0.9, grid.Duration, 12);
        Assert.Contains(grid.Warnings, w => w.Contains("not a whole number of steps"));
    }
}
