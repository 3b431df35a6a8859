using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NeuroScope.Cli;
using NeuroScope.Cli.Commands;

namespace NeuroScope.Browser.Tests;

/// <summary>
/// The tour report and every walk-through page as a reader sees them in Chromium: no console error, every picture
/// decodes and every video plays, every local link leads to a file, every figure has a caption, every section is
/// there, and no table is wider than the page. The pages are the report plus one per Markdown file in docs/.
/// </summary>
public sealed partial class ReportPageTests(TourFixture tour) : IClassFixture<TourFixture>
{
    /// <summary>The docs folder of the repository these tests were built in.</summary>
    private static readonly string DocsFolder = Path.Combine(RepositoryRoot(), "docs");

    /// <summary>index.html and the page each docs/*.md becomes, so a new walk-through is checked without a new line here.</summary>
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string> { "index.html" };
        foreach (var markdown in Directory.GetFiles(DocsFolder, "*.md").Order(StringComparer.Ordinal))
            pages.Add($"docs/{Path.GetFileNameWithoutExtension(markdown)}.html");
        return pages;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "NeuroScope.slnx")))
                return folder.FullName;
        }
        throw new InvalidOperationException("The repository root (NeuroScope.slnx) is not above the test's folder.");
    }

    /// <summary>What one page looked like once everything had loaded.</summary>
    private sealed record PageReport(
        string[] BrokenImages, int Images, string[] UnplayableVideos, string[] UncaptionedFigures, string[] ImagesWithoutAlt,
        string[] WideTables, int PageWidth, string[] Sections, string[] Headings, string[] LocalLinks, Dictionary<string, string[]> Captions);

    private async Task<(PageReport Report, List<string> Errors)> OpenAsync(string page)
    {
        var errors = new List<string>();
        var tab = await tour.OpenAsync(page, errors);
        // Lazy pictures load once scrolled to: scroll through the page, then wait for every picture and video to settle.
        await tab.EvaluateAsync("async () => { for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 20)); } }");
        await tab.EvaluateAsync("() => Promise.all([...document.images].map(i => i.complete ? null : new Promise(r => { i.onload = r; i.onerror = r; })))");
        await tab.EvaluateAsync("""
            () => Promise.all([...document.querySelectorAll('video')].map(v => v.readyState >= 1 || v.error ? null
              : new Promise(r => { v.addEventListener('loadedmetadata', r); v.addEventListener('error', r); setTimeout(r, 10000); })))
            """);
        string json = await tab.EvaluateAsync<string>("""
            () => JSON.stringify({
              BrokenImages: [...document.images].filter(i => i.naturalWidth === 0).map(i => i.getAttribute('src')),
              Images: document.images.length,
              UnplayableVideos: [...document.querySelectorAll('video')].filter(v => v.error || v.videoWidth === 0).map(v => v.getAttribute('src')),
              UncaptionedFigures: [...document.querySelectorAll('figure')].filter(f => !(f.querySelector('figcaption')?.textContent.trim())).map(f => f.innerHTML.slice(0, 80)),
              ImagesWithoutAlt: [...document.images].filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.getAttribute('src')),
              WideTables: [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(t => t.textContent.slice(0, 60)),
              PageWidth: document.documentElement.scrollWidth - document.documentElement.clientWidth,
              Sections: [...document.querySelectorAll('section[id]')].map(s => s.id),
              Headings: [...document.querySelectorAll('h1, h2, h3')].map(h => h.textContent.trim()),
              LocalLinks: [...document.querySelectorAll('a[href], img[src], video[src]')].map(a => a.href || a.src).filter(u => u.startsWith('file:')),
              Captions: Object.fromEntries([...document.querySelectorAll('section[id]')].map(s => [s.id, [...s.querySelectorAll('figcaption')].map(c => c.textContent.trim())])),
            })
            """);
        await tab.Context.CloseAsync();
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
        Assert.True(report.UnplayableVideos.Length == 0, $"{page}: videos that do not play {string.Join(", ", report.UnplayableVideos)}");
        Assert.True(report.UncaptionedFigures.Length == 0, $"{page}: figures without a caption: {string.Join(" | ", report.UncaptionedFigures)}");
        Assert.True(report.ImagesWithoutAlt.Length == 0, $"{page}: pictures without a description: {string.Join(", ", report.ImagesWithoutAlt)}");
        Assert.True(report.WideTables.Length == 0, $"{page}: tables wider than the page: {string.Join(" | ", report.WideTables)}");
        Assert.True(report.PageWidth <= 0, $"{page} scrolls sideways by {report.PageWidth} px");
        var dead = report.LocalLinks.Select(u => Uri.UnescapeDataString(new Uri(u).LocalPath)).Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        Assert.True(dead.Count == 0, $"{page}: links to missing files {string.Join(", ", dead)}");
    }

    [Fact]
    public async Task Index_InChromium_ShowsEveryExperimentsSectionWithTheCaptionOfEveryPictureItsRunDrew()
    {
        var (report, _) = await OpenAsync("index.html");

        var stops = TourCommand.Stops(ExperimentCatalog.Default);
        Assert.Equal(stops.Select(stop => stop.Experiment), report.Sections);
        foreach (var stop in stops)
        {
            string run = Path.Combine(tour.TourPath, $"{stop.Experiment}_001");
            // An animation falls back from MP4 to GIF without ffmpeg; either file carries the declared caption.
            var drawn = stop.Pictures.Where(p => File.Exists(Path.Combine(run, p.FileName)) || File.Exists(Path.Combine(run, Path.ChangeExtension(p.FileName, ".gif"))))
                .Select(p => p.Caption).ToList();
            Assert.NotEmpty(drawn);
            Assert.Equal(drawn, report.Captions[stop.Experiment]);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task DocsPage_InChromium_ShowsEveryHeadingOfItsMarkdown(string page)
    {
        if (page == "index.html")
            return;
        string markdown = File.ReadAllText(Path.Combine(DocsFolder, Path.ChangeExtension(Path.GetFileName(page), ".md")));

        var (report, _) = await OpenAsync(page);

        var headings = HeadingLine().Matches(FencedCode().Replace(markdown, "")).Select(m => Plain(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(headings);
        Assert.Equal(headings, report.Headings);
    }

    // A heading's text as the browser shows it: without Markdown's code and emphasis marks.
    private static string Plain(string heading) => heading.Replace("`", "").Replace("**", "").Replace("*", "").Trim();

    [GeneratedRegex(@"^#{1,3} (.+)$", RegexOptions.Multiline)]
    private static partial Regex HeadingLine();

    // Code blocks hold shell comments that look like headings.
    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();
}
