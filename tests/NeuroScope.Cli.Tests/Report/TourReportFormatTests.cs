using NeuroScope.Cli.Report;

namespace NeuroScope.Cli.Tests.Report;

/// <summary>How the report rounds a headline number and labels it: short enough to read, precise enough to compare.</summary>
public sealed class TourReportFormatTests
{
    [Theory]
    [InlineData(-16.001882553100586, "-16.0019")]
    [InlineData(-16.010000228881836, "-16.01")]
    [InlineData(25.01123, "25.0112")]
    [InlineData(0.990381, "0.9904")]
    [InlineData(0.0283651, "0.0284")]
    [InlineData(9.59e-5, "9.59e-5")]
    [InlineData(689691967.4, "689,691,967")]
    [InlineData(34, "34")]
    [InlineData(-0.0, "0")]
    [InlineData(double.NaN, "NaN")]
    public void FormatNumber_RoundsForReading(double value, string expected)
    {
        string shown = TourReport.FormatNumber(value);

        Assert.Equal(expected, shown);
    }

    [Fact]
    public void Label_CapitalisesTheFirstLetterOnly()
    {
        string label = TourReport.Label("max |y − x|, mse");

        Assert.Equal("Max |y − x|, mse", label);
    }
}
