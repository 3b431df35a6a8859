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

    public async Task InitializeAsync()
    {
        var log = new StringWriter();
        TourExitCode = CliApp.Run(["tour", "--quick", "--runs-dir", _root, "--no-progress"], log, log);
        TourLog = log.ToString();
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright, "--disable-gpu", "--allow-file-access-from-files");
    }

    /// <summary>
    /// Opens <paramref name="page"/> of the report (a path inside the tour's folder) offline from its file, collecting
    /// errors in <paramref name="errors"/>; asserts first that the tour ran and wrote it.
    /// </summary>
    public Task<IPage> OpenAsync(string page, List<string> errors)
    {
        Assert.True(TourExitCode == 0, $"the tour failed:\n{TourLog}");
        string path = Path.Combine(TourPath, page);
        Assert.True(File.Exists(path), $"{page} was not written");
        // The report inlines its chart libraries (about 1.8 MB of script) and software WebGL is slow on a busy 2-core
        // machine: the limit is generous, the loading itself is not timed here.
        return Chromium.OpenAsync(Browser, new Uri(path), errors, offline: true, timeoutMilliseconds: 180_000);
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
