using Microsoft.Playwright;
using NeuroScope.Cli;

namespace NeuroScope.Browser.Tests;

/// <summary>One quick tour written to a temporary folder and one headless Chromium, shared by the page tests.</summary>
public sealed class TourFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"neuroscope-browser-{Guid.NewGuid():N}");
    private IPlaywright? _playwright;

    /// <summary>The tour's folder (index.html and docs/ inside).</summary>
    public string TourPath => Path.Combine(_root, "tour_001");

    /// <summary>The running browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>What the tour printed, for failure messages.</summary>
    public string TourLog { get; private set; } = "";

    /// <summary>The tour's exit code.</summary>
    public int TourExitCode { get; private set; }

    internal static string Chromium() =>
        Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("Chromium is not installed: install Debian's chromium package (.ci/run does) or set CHROMIUM to its path.");

    public async Task InitializeAsync()
    {
        var log = new StringWriter();
        TourExitCode = CliApp.Run(["tour", "--quick", "--runs-dir", _root, "--no-progress"], log, log);
        TourLog = log.ToString();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium(),
            Headless = true,
            // WebGL for the report's 3-D surfaces comes from the software renderer, which Chromium enables only when asked.
            Args = ["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--allow-file-access-from-files"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
