using System.Text.Json;
using Microsoft.Playwright;
using NeuroScope.Cli;
using NeuroScope.Cli.Commands;

namespace NeuroScope.Browser.Tests;

/// <summary>
/// The tour report and every walk-through page as a reader sees them in Chromium: no console error, every picture
/// decodes, every figure has a caption, and no table is wider than the page.
/// </summary>
public sealed class ReportPageTests(TourFixture tour) : IClassFixture<TourFixture>
{
    public static TheoryData<string> Pages => new() { "index.html", "docs/dose.html", "docs/copy.html", "docs/fit.html", "docs/neuron.html" };

    /// <summary>What one page looked like once everything had loaded.</summary>
    private sealed record PageReport(string[] BrokenImages, int Images, string[] UncaptionedFigures, string[] WideTables, int PageWidth, string[] Sections);

    private async Task<(PageReport Report, List<string> Errors)> OpenAsync(string page)
    {
        Assert.True(tour.TourExitCode == 0, $"the tour failed:\n{tour.TourLog}");
        var context = await tour.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var tab = await context.NewPageAsync();
        var errors = new List<string>();
        tab.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add(message.Text);
        };
        tab.PageError += (_, error) => errors.Add(error);
        tab.RequestFailed += (_, request) => errors.Add($"{request.Url}: {request.Failure}");
        string path = Path.Combine(tour.TourPath, page);
        Assert.True(File.Exists(path), $"{page} was not written");
        await tab.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        // Lazy pictures load once scrolled to: scroll through the page, then wait for every picture to settle.
        await tab.EvaluateAsync("async () => { for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 20)); } }");
        await tab.EvaluateAsync("() => Promise.all([...document.images].map(i => i.complete ? null : new Promise(r => { i.onload = r; i.onerror = r; })))");
        string json = await tab.EvaluateAsync<string>("""
            () => JSON.stringify({
              BrokenImages: [...document.images].filter(i => i.naturalWidth === 0).map(i => i.getAttribute('src')),
              Images: document.images.length,
              UncaptionedFigures: [...document.querySelectorAll('figure')].filter(f => !(f.querySelector('figcaption')?.textContent.trim())).map(f => f.innerHTML.slice(0, 80)),
              WideTables: [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(t => t.textContent.slice(0, 60)),
              PageWidth: document.documentElement.scrollWidth - document.documentElement.clientWidth,
              Sections: [...document.querySelectorAll('section[id]')].map(s => s.id),
            })
            """);
        await context.CloseAsync();
        return (JsonSerializer.Deserialize<PageReport>(json)!, errors);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_InChromium_HasNoBrokenPictureNoErrorAndNothingWiderThanThePage(string page)
    {
        var (report, errors) = await OpenAsync(page);

        Assert.True(errors.Count == 0, $"{page}: {string.Join("; ", errors)}");
        Assert.True(report.Images > 0, $"{page} shows no picture");
        Assert.True(report.BrokenImages.Length == 0, $"{page}: broken pictures {string.Join(", ", report.BrokenImages)}");
        Assert.True(report.UncaptionedFigures.Length == 0, $"{page}: figures without a caption: {string.Join(" | ", report.UncaptionedFigures)}");
        Assert.True(report.WideTables.Length == 0, $"{page}: tables wider than the page: {string.Join(" | ", report.WideTables)}");
        Assert.True(report.PageWidth <= 0, $"{page} scrolls sideways by {report.PageWidth} px");
    }

    [Fact]
    public async Task Index_InChromium_ShowsEveryExperimentsSection()
    {
        var (report, _) = await OpenAsync("index.html");

        Assert.Equal(TourCommand.Stops(ExperimentCatalog.Default).Select(stop => stop.Experiment), report.Sections);
    }
}
