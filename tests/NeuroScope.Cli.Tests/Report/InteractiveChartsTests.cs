using System.Text.Json.Nodes;
using NeuroScope.Cli.Report;

namespace NeuroScope.Cli.Tests.Report;

/// <summary>The report's chart data: metrics.csv thinned without losing its spikes, one series per stage, the 2/lr line on sharpness.</summary>
public sealed class InteractiveChartsTests : IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("neuroscope-charts-").FullName;

    public void Dispose() => Directory.Delete(_run, recursive: true);

    [Fact]
    public void ReadMetrics_CopysEpochColumn_IsACounterNotAChart()
    {
        File.WriteAllText(Path.Combine(_run, "metrics.csv"), "stage,step,epoch,loss\n0,1,1,0.5\n0,2,2,0.25\n");

        var series = InteractiveCharts.ReadMetrics(_run, ExperimentCatalog.Default.Find("copy"))!["series"]!.AsArray();

        Assert.Equal(["loss"], series.Select(s => s!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void ReadMetrics_StagesAndSharpness_OneSeriesPerStageNamedAndTheDeclaredTwoOverLrLine()
    {
        File.WriteAllText(Path.Combine(_run, "metrics.csv"), "stage,step,loss,sharpness\n0,1,0.5,\n0,2,0.25,10\n1,1,0.9,NaN\n1,2,0.8,\n0,3,0.125,\n");
        File.WriteAllText(Path.Combine(_run, "stages.json"), """["plain", "trainer"]""");
        File.WriteAllText(Path.Combine(_run, "config.json"), """{"learningRate": 0.005}""");

        var metrics = InteractiveCharts.ReadMetrics(_run, ExperimentCatalog.Default.Find("fit"))!;

        var series = metrics["series"]!.AsArray();
        Assert.Equal(["loss", "sharpness"], series.Select(s => s!["name"]!.GetValue<string>()));
        var loss = series[0]!["runs"]!.AsArray();
        Assert.Equal(["plain", "trainer"], loss.Select(r => r!["label"]!.GetValue<string>()));
        Assert.Equal([1.0, 2, 3], Values(loss[0]!["x"]));
        Assert.Equal([0.5, 0.25, 0.125], Values(loss[0]!["y"]));
        Assert.True(series[0]!["logY"]!.GetValue<bool>());
        var sharpness = series[1]!;
        Assert.Single(sharpness["runs"]!.AsArray());
        Assert.Equal(2 / 0.005, sharpness["references"]![0]!["value"]!.GetValue<double>(), 9);
        Assert.Equal("2/lr", sharpness["references"]![0]!["label"]!.GetValue<string>());
    }

    [Fact]
    public void ReadSweepMetrics_TwoRuns_OneLinePerRunLabelledWithItsSettingsAndItsOwnTwoOverLr()
    {
        foreach (var (folder, rate) in new[] { ("fit-01_001", 0.02), ("fit-02_001", 0.04) })
        {
            Directory.CreateDirectory(Path.Combine(_run, folder));
            File.WriteAllText(Path.Combine(_run, folder, "config.json"), $"{{\"learningRate\": {rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}");
            File.WriteAllText(Path.Combine(_run, folder, "metrics.csv"), "stage,step,loss,sharpness\n0,1,0.5,\n0,2,0.25,10\n0,3,0.125,20\n");
        }
        File.WriteAllText(Path.Combine(_run, "sweep.json"), """
            {"metrics": ["sharpness"], "runs": [
              {"label": "learning-rate 0.02", "folder": "fit-01_001"},
              {"label": "learning-rate 0.04", "folder": "fit-02_001"},
              {"label": "learning-rate 0.08", "folder": null}]}
            """);

        var series = InteractiveCharts.ReadSweepMetrics(_run, ExperimentCatalog.Default.Find("fit"))!["series"]!.AsArray();

        var sharpness = Assert.Single(series)!;
        Assert.Equal("sharpness", sharpness["name"]!.GetValue<string>());
        var runs = sharpness["runs"]!.AsArray();
        Assert.Equal(["learning-rate 0.02", "learning-rate 0.04"], runs.Select(r => r!["label"]!.GetValue<string>()));
        Assert.Equal([2.0, 3], Values(runs[1]!["x"]));
        var references = sharpness["references"]!.AsArray();
        Assert.Equal([(100.0, 0), (50.0, 1)], references.Select(r => (Math.Round(r!["value"]!.GetValue<double>(), 9), r!["run"]!.GetValue<int>())));
        Assert.Equal("2/lr (learning-rate 0.04)", references[1]!["label"]!.GetValue<string>());
    }

    [Fact]
    public void Section_RunWithSurface_EmbedsMetricsAndSurfaceAsJsonThatCannotCloseItsScript()
    {
        File.WriteAllText(Path.Combine(_run, "metrics.csv"), "stage,step,loss\n0,1,0.5\n");
        File.WriteAllText(Path.Combine(_run, "surface.json"), """{"title":"</script><b>","surfaces":[]}""");

        string html = InteractiveCharts.Section(_run, "fit", fallback: null, ExperimentCatalog.Default.Find("fit"));

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
        Assert.Equal("", InteractiveCharts.Section(_run, "copy", fallback: null, ExperimentCatalog.Default.Find("copy")));
    }

    private static double[] Values(JsonNode? array) => [.. array!.AsArray().Select(v => v!.GetValue<double>())];
}
