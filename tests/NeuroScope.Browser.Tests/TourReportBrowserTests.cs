using System.Diagnostics;
using NeuroScope.Cli;
using SkiaSharp;

namespace NeuroScope.Browser.Tests;

/// <summary>The tour's index.html opened in headless Chromium: it loads, every picture decodes, every section shows.</summary>
public sealed class TourReportBrowserTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"neuroscope-browser-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    private static string Chromium() =>
        Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("Chromium is not installed: install Debian's chromium package (.ci/run does) or set CHROMIUM to its path.");

    private static string RunChromium(params string[] extra)
    {
        var start = new ProcessStartInfo(Chromium())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var flag in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--allow-file-access-from-files" })
            start.ArgumentList.Add(flag);
        start.ArgumentList.Add($"--user-data-dir={Path.Combine(Path.GetTempPath(), $"chromium-{Guid.NewGuid():N}")}");
        foreach (var arg in extra)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within two minutes.");
        }
        return stdout.Result;
    }

    [Fact]
    public void TourReport_InHeadlessChromium_LoadsEveryPictureAndShowsEverySection()
    {
        int code = CliApp.Run(["tour", "--quick", "--runs-dir", _root, "--no-progress", "--quiet"], new StringWriter(), new StringWriter());
        string index = Path.Combine(_root, "tour_001", "index.html");
        string url = new Uri(index).AbsoluteUri;
        string screenshot = Path.Combine(_root, "report.png");

        string dom = RunChromium("--virtual-time-budget=10000", "--dump-dom", url);
        RunChromium("--window-size=1280,2400", $"--screenshot={screenshot}", url);

        Assert.Equal(0, code);
        Assert.Contains("data-loaded=\"yes\"", dom);
        Assert.Contains("data-broken-images=\"0\"", dom);
        foreach (var section in new[] { "dose", "copy", "fit", "neuron" })
            Assert.Contains($"<section id=\"{section}\"", dom);
        using var bitmap = SKBitmap.Decode(screenshot);
        Assert.True(bitmap is { Width: 1280 }, "the screenshot did not decode");
        // A rendered page has text and pictures: many distinct colours, not a blank or error page.
        var colours = new HashSet<SKColor>();
        for (int y = 0; y < bitmap.Height; y += 7)
            for (int x = 0; x < bitmap.Width; x += 7)
                colours.Add(bitmap.GetPixel(x, y));
        Assert.True(colours.Count > 50, $"the screenshot has only {colours.Count} colours");
    }
}
