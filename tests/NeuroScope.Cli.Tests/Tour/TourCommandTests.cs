using System.Globalization;
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
            AssertTopLevelNumbersAppear(Path.Combine(run, "summary.json"), index);
        }
    }

    // Every scalar at the top of summary.json is shown in the report's headline table, formatted as the report formats it.
    private static void AssertTopLevelNumbersAppear(string summaryPath, string index)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        foreach (var property in summary.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number)
                continue;
            string shown = property.Value.GetDouble().ToString("G6", CultureInfo.InvariantCulture);
            var cell = new Regex($"data-key=\"{Regex.Escape(property.Name)}\">([^<]*)<");
            var match = cell.Match(index);
            Assert.True(match.Success, $"{property.Name} is not in the report");
            Assert.Contains(match.Groups[1].Value, AllCellsFor(index, property.Name));
            Assert.Contains(shown, AllCellsFor(index, property.Name));
        }
    }

    private static List<string> AllCellsFor(string index, string key) =>
        Regex.Matches(index, $"data-key=\"{Regex.Escape(key)}\">([^<]*)<").Select(m => m.Groups[1].Value).ToList();

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
