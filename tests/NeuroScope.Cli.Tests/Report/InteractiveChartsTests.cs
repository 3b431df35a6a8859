using System.Text.Json.Nodes;
using NeuroScope.Cli.Report;

namespace NeuroScope.Cli.Tests.Report;

/// <summary>The report's chart data: metrics.csv thinned without losing its spikes, one series per stage, the 2/lr line on sharpness.</summary>
public sealed class InteractiveChartsTests : IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("neuroscope-charts-").FullName;

    public void Dispose() => Directory.Delete(_run, recursive: true);

    [Fact]
    public void Downsample_LongSeries_KeepsTheEndsAndEverySpikeWithinTheLimit()
    {
        double[] x = [.. Enumerable.Range(0, 100_000).Select(i => (double)i)];
        double[] y = [.. x.Select(v => Math.Sin(v / 1000))];
        y[31_337] = 50;
        y[77_777] = -40;

        var (keptX, keptY) = InteractiveCharts.Downsample(x, y, 2000);

        Assert.InRange(keptX.Length, 1500, 2000);
        Assert.Equal((0.0, 99_999.0), (keptX[0], keptX[^1]));
        Assert.Contains(31_337.0, keptX);
        Assert.Contains(77_777.0, keptX);
        Assert.Equal(50, keptY.Max());
        Assert.Equal(-40, keptY.Min());
        Assert.True(keptX.Zip(keptX.Skip(1)).All(p => p.First < p.Second), "the kept points are not in x order");
    }

    [Fact]
    public void Downsample_ShortSeries_IsUnchanged()
    {
        var (x, y) = InteractiveCharts.Downsample([1, 2, 3], [3, 1, 2], 2000);

        Assert.Equal([1.0, 2, 3], x);
        Assert.Equal([3.0, 1, 2], y);
    }

    [Fact]
    public void ReadMetrics_EpochColumn_IsACounterNotAChart()
    {
        File.WriteAllText(Path.Combine(_run, "metrics.csv"), "stage,step,epoch,loss\n0,1,1,0.5\n0,2,2,0.25");

        var series = InteractiveCharts.ReadMetrics(_run)!["series"]!.AsArray();

        Assert.Equal(["loss"], series.Select(s => s!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void ReadMetrics_StagesAndSharpness_OneSeriesPerStageNamedAndTheTwoOverLrLine()
    {
        File.WriteAllText(Path.Combine(_run, "metrics.csv"), "stage,step,loss,sharpness\n0,1,0.5,\n0,2,0.25,10\n1,1,0.9,NaN\n1,2,0.8,\n0,3,0.125,");
        File.WriteAllText(Path.Combine(_run, "stages.json"), """["plain", "trainer"]""");
        File.WriteAllText(Path.Combine(_run, "summary.json"), """{"twoOverLearningRate": 200}""");

        var metrics = InteractiveCharts.ReadMetrics(_run)!;

        var series = metrics["series"]!.AsArray();
        Assert.Equal(["loss", "sharpness"], series.Select(s => s!["name"]!.GetValue<string>()));
        var loss = series[0]!["runs"]!.AsArray();
        Assert.Equal(["plain", "trainer"], loss.Select(r => r!["label"]!.GetValue<string>()));
        Assert.Equal([1.0, 2, 3], Values(loss[0]!["x"]));
        Assert.Equal([0.5, 0.25, 0.125], Values(loss[0]!["y"]));
        Assert.True(series[0]!["logY"]!.GetValue<bool>());
        var sharpness = series[1]!;
        Assert.Single(sharpness["runs"]!.AsArray());
        Assert.Equal(200, sharpness["references"]![0]!["value"]!.GetValue<double>());
        Assert.Equal("2/lr", sharpness["references"]![0]!["label"]!.GetValue<string>());
    }

    [Fact]
    public void Section_RunWithSurface_EmbedsMetricsAndSurfaceAsJsonThatCannotCloseItsScript()
    {
        File.WriteAllText(Path.Combine(_run, "metrics.csv"), "stage,step,loss\n0,1,0.5\n");
        File.WriteAllText(Path.Combine(_run, "surface.json"), """{"title":"</script><b>","surfaces":[]}""");

        string html = InteractiveCharts.Section(_run, "fit", fallback: null);

        Assert.Contains("id=\"fit-interactive\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"ns-surface\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"ns-metrics\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("</script><b>", html, StringComparison.Ordinal);
        int start = html.IndexOf("ns-run-data\">", StringComparison.Ordinal) + "ns-run-data\">".Length;
        var data = JsonNode.Parse(html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)])!;
        Assert.Equal("</script><b>", data["surface"]!["title"]!.GetValue<string>());
    }

    [Fact]
    public void Section_RunWithoutMetricsOrSurface_IsEmpty()
    {
        Assert.Equal("", InteractiveCharts.Section(_run, "copy", fallback: null));
    }

    private static double[] Values(JsonNode? array) => [.. array!.AsArray().Select(v => v!.GetValue<double>())];
}
