using System.Text.Json;
using Microsoft.Playwright;

namespace NeuroScope.Browser.Tests;

/// <summary>
/// The report's interactive charts and surfaces in Chromium, offline from the file: every chart draws, dragging zooms
/// its x axis, a 3-D surface turns when dragged, and nothing logs an error.
/// </summary>
public sealed class ReportChartsTests(TourFixture tour) : IClassFixture<TourFixture>
{
    private async Task<(IPage Tab, IBrowserContext Context, List<string> Errors)> OpenReportAsync()
    {
        var errors = new List<string>();
        var tab = await tour.OpenAsync("index.html", errors);
        await tab.WaitForFunctionAsync("() => document.body.dataset.charts !== undefined && document.body.dataset.surfaces !== undefined",
            null, new PageWaitForFunctionOptions { Timeout = 180_000 });
        return (tab, tab.Context, errors);
    }

    [Fact]
    public async Task Charts_InReport_DrawEveryMetricAndZoomOnDrag()
    {
        var (tab, context, errors) = await OpenReportAsync();

        string charts = await tab.EvaluateAsync<string>("() => document.body.dataset.charts");
        // Each chart's canvas has pixels that are not background: the lines were drawn.
        string drawn = await tab.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('.ns-metrics .ns-chart')].map(c => {
              const canvas = c.querySelector('canvas');
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let inked = 0;
              for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
              return { metric: c.dataset.metric, width: canvas.width, inked };
            }))
            """);
        var perChart = JsonSerializer.Deserialize<JsonElement[]>(drawn)!;
        var chart = tab.Locator("#fit-interactive .ns-chart[data-metric='loss']");
        await chart.ScrollIntoViewIfNeededAsync();
        var before = await ReadXRangeAsync(tab, "fit", "loss");
        var box = (await chart.Locator(".u-over").BoundingBoxAsync())!;
        await tab.Mouse.MoveAsync(box.X + box.Width * 0.3f, box.Y + box.Height / 2);
        await tab.Mouse.DownAsync();
        await tab.Mouse.MoveAsync(box.X + box.Width * 0.45f, box.Y + box.Height / 2, new MouseMoveOptions { Steps = 5 });
        await tab.Mouse.UpAsync();
        var zoomed = await ReadXRangeAsync(tab, "fit", "loss");
        await chart.Locator("button", new LocatorLocatorOptions { HasText = "reset" }).ClickAsync();
        var reset = await ReadXRangeAsync(tab, "fit", "loss");
        await context.CloseAsync();

        Assert.True(int.TryParse(charts, out int count) && count >= 4, $"charts drawn: {charts}");
        Assert.Equal(count, perChart.Length);
        Assert.All(perChart, c => Assert.True(c.GetProperty("inked").GetInt32() > 500, $"{c}: the chart's canvas is blank"));
        Assert.True(zoomed.Max - zoomed.Min < 0.3 * (before.Max - before.Min), $"dragging did not zoom: {before} -> {zoomed}");
        Assert.True(zoomed.Min > before.Min, $"the zoom does not start where the drag did: {before} -> {zoomed}");
        Assert.Equal(before, reset);
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    [Fact]
    public async Task SweepSection_InReport_OverlaysEveryRunOfTheGridOnOneChart()
    {
        var (tab, context, errors) = await OpenReportAsync();

        // Each run's line, without the faint unsmoothed copy the chart keeps beside it for the smoothing slider.
        string[] labels = await tab.EvaluateAsync<string[]>("""
            () => window.NeuroScopeChartsOnPage.find(c => c.section === 'fit-sweep' && c.metric === 'sharpness').chart.plot.series.slice(1).map(s => s.label).filter(l => !l.endsWith(' (raw)'))
            """);
        string sweepJson = File.ReadAllText(Directory.GetFiles(tour.TourPath, "sweep.json", SearchOption.AllDirectories).Single());
        await context.CloseAsync();

        var expected = JsonDocument.Parse(sweepJson).RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("label").GetString()).ToArray();
        Assert.True(expected.Length >= 2, sweepJson);
        Assert.Equal(expected, labels);
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    [Fact]
    public async Task Surface_InReport_TurnsWhenDragged()
    {
        var (tab, context, errors) = await OpenReportAsync();

        string surfaces = await tab.EvaluateAsync<string>("() => document.body.dataset.surfaces");
        string ready = await tab.EvaluateAsync<string>("() => document.querySelector('#neuron-interactive .ns-surface').dataset.ready");
        var panel = tab.Locator("#neuron-interactive .ns-surface [data-surface]").First;
        await panel.ScrollIntoViewIfNeededAsync();
        string before = await CameraAsync(tab);
        var box = (await panel.BoundingBoxAsync())!;
        await tab.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.6f);
        await tab.Mouse.DownAsync();
        await tab.Mouse.MoveAsync(box.X + box.Width * 0.75f, box.Y + box.Height * 0.6f, new MouseMoveOptions { Steps = 8 });
        await tab.Mouse.UpAsync();
        await tab.WaitForTimeoutAsync(200);
        string after = await CameraAsync(tab);
        await context.CloseAsync();

        Assert.True(int.TryParse(surfaces, out int count) && count >= 1, $"surfaces drawn: {surfaces}");
        Assert.Equal("yes", ready);
        Assert.NotEqual(before, after);
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    private static async Task<(double Min, double Max)> ReadXRangeAsync(IPage tab, string section, string metric)
    {
        var range = await tab.EvaluateAsync<JsonElement>($$"""
            () => { const c = window.NeuroScopeChartsOnPage.find(c => c.section === '{{section}}' && c.metric === '{{metric}}').chart.xRange(); return [c.min, c.max]; }
            """);
        return (range[0].GetDouble(), range[1].GetDouble());
    }

    private static Task<string> CameraAsync(IPage tab) =>
        tab.EvaluateAsync<string>("() => JSON.stringify(window.NeuroScopeSurfaces[0].camera(0).eye)");
}
