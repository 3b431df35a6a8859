using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace NeuroScope.Cli.Tests.Tour;

/// <summary>The main job end to end: `neuroscope tour --quick` writes every run, every picture and a report whose numbers are the runs' own.</summary>
public sealed class TourCommandTests : IDisposable
{
    private readonly CliRunner _cli = new("tour");

    public void Dispose() => _cli.Dispose();

    private (int Code, string Output, string Error, string TourPath) RunTour()
    {
        var (code, output, error) = CliRunner.Run("tour", "--quick", "--runs-dir", _cli.RunsDir, "--no-progress");
        return (code, output, error, Path.Combine(_cli.RunsDir, "tour_001"));
    }

    [Fact]
    public void TourQuick_WritesEveryRunPictureAndAReportWhoseNumbersMatchTheSummaries()
    {
        var (code, output, error, tour) = RunTour();

        Assert.True(code == 0, $"exit {code}\n{output}\n{error}");
        string index = File.ReadAllText(Path.Combine(tour, "index.html"));
        foreach (var experiment in new[] { "dose", "copy", "fit", "neuron" })
        {
            string run = Path.Combine(tour, $"{experiment}_001");
            foreach (var file in new[] { "config.json", "run.json", "metrics.csv", "summary.json" })
                Assert.True(File.Exists(Path.Combine(run, file)), $"{experiment}: {file} is missing");
            var pictures = Directory.GetFiles(run, "*.png");
            Assert.NotEmpty(pictures);
            foreach (var picture in pictures)
            {
                using var bitmap = SKBitmap.Decode(picture);
                Assert.True(bitmap is { Width: > 100, Height: > 100 }, $"{picture} does not decode to a picture");
                Assert.Contains($"{experiment}_001/{Uri.EscapeDataString(Path.GetFileName(picture))}", index);
            }
            Assert.Contains($"id=\"{experiment}\"", index);
            int start = index.IndexOf($"<section id=\"{experiment}\"", StringComparison.Ordinal);
            string section = index[start..index.IndexOf("</section>", start, StringComparison.Ordinal)];
            AssertHeadlinesAppear(Path.Combine(run, "summary.json"), section);
            AssertTablesAppear(Path.Combine(run, "tables.json"), section);
            AssertChartDataEmbedded(run, section);
        }
        AssertOffline(index);
    }

    // The section embeds its run's metrics (every column with data, as chart series) and, when the run wrote one, its surface.json.
    private static void AssertChartDataEmbedded(string run, string section)
    {
        var block = Regex.Match(section, "<script type=\"application/json\" class=\"ns-run-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(block.Success, $"{run}: no embedded chart data");
        using var data = JsonDocument.Parse(block.Groups[1].Value);
        var series = data.RootElement.GetProperty("metrics").GetProperty("series").EnumerateArray().ToList();
        var header = File.ReadLines(Path.Combine(run, "metrics.csv")).First().Split(',');
        Assert.NotEmpty(series);
        Assert.All(series, s => Assert.Contains(s.GetProperty("name").GetString(), header));
        foreach (var s in series)
            foreach (var line in s.GetProperty("runs").EnumerateArray())
            {
                int points = line.GetProperty("x").GetArrayLength();
                Assert.InRange(points, 1, NeuroScope.Cli.Report.InteractiveCharts.MaxPointsPerSeries);
                Assert.Equal(points, line.GetProperty("y").GetArrayLength());
            }
        string surface = Path.Combine(run, "surface.json");
        Assert.Equal(File.Exists(surface), data.RootElement.TryGetProperty("surface", out var embedded));
        if (File.Exists(surface))
            Assert.Equal(JsonDocument.Parse(File.ReadAllText(surface)).RootElement.GetProperty("surfaces").GetArrayLength(), embedded.GetProperty("surfaces").GetArrayLength());
    }

    // The chart libraries are inlined and nothing is loaded from elsewhere: the page works offline.
    private static void AssertOffline(string index)
    {
        foreach (var asset in new[] { "vendor/uplot/uPlot.iife.min.js", "charts.js" })
            Assert.Contains($"<script data-asset=\"{asset}\">", index);
        Assert.Contains("uPlot (v1.6.32)", index);
        Assert.DoesNotMatch("<(script|link|img|video|iframe)[^>]+(src|href)=\"(https?:)?//", index);
    }

    // Every headline of summary.json is in the report's headline table under its label, rounded as the report rounds.
    private static void AssertHeadlinesAppear(string summaryPath, string section)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        var headlines = summary.RootElement.GetProperty("headlines").EnumerateArray().ToList();
        Assert.NotEmpty(headlines);
        foreach (var headline in headlines)
        {
            string label = headline.GetProperty("label").GetString()!;
            string unit = headline.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? " " + u.GetString() : "";
            string shown = NeuroScope.Cli.Report.TourReport.FormatNumber(headline.GetProperty("value").GetDouble()) + unit;
            var cell = Regex.Match(section, $"<th>{Regex.Escape(WebUtility.HtmlEncode(NeuroScope.Cli.Report.TourReport.Label(label)))}</th><td class=\"num\" data-key=\"[^\"]*\">([^<]*)<");
            Assert.True(cell.Success, $"{label} is not in the report");
            Assert.Equal(WebUtility.HtmlEncode(shown), cell.Groups[1].Value);
        }
    }

    // Every table the run printed is in the report with every cell, as the console shows it.
    private static void AssertTablesAppear(string tablesPath, string section)
    {
        using var printed = JsonDocument.Parse(File.ReadAllText(tablesPath));
        foreach (var table in printed.RootElement.GetProperty("tables").EnumerateArray())
        {
            Assert.Contains($"<caption>{WebUtility.HtmlEncode(table.GetProperty("title").GetString()!)}</caption>", section);
            foreach (var row in table.GetProperty("rows").EnumerateArray())
            {
                string pattern = "<tr>" + string.Concat(row.EnumerateArray().Select(c => $"<td[^>]*>{Regex.Escape(WebUtility.HtmlEncode(c.GetString()!))}</td>")) + "</tr>";
                Assert.Matches(pattern, section);
            }
        }
    }

    [Fact]
    public void Tour_UnwritableRunsDir_ExitsTwoNamingTheFolder()
    {
        string file = Path.Combine(Path.GetTempPath(), $"neuroscope-notadir-{Guid.NewGuid():N}");
        File.WriteAllText(file, "a file, not a folder");

        var (code, _, error) = CliRunner.Run("tour", "--quick", "--runs-dir", file);

        Assert.Equal(2, code);
        Assert.Contains("runs-dir", error);
        File.Delete(file);
    }
}
