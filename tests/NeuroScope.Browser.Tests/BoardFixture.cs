using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Playwright;
using NeuroScope.Cli;
using NeuroScope.Cli.Board;

namespace NeuroScope.Browser.Tests;

/// <summary>A board over a temporary runs folder (two finished fits, one with a 3-D surface) and one headless Chromium, shared by the board's page tests.</summary>
public sealed class BoardFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The runs folder.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"neuroscope-board-browser-{Guid.NewGuid():N}");

    /// <summary>The board's address.</summary>
    public Uri Address => Server.Address;

    /// <summary>The running browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    internal BoardServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WriteRun("fit_001", 0.01, DateTimeOffset.Parse("2026-01-01T10:00:00Z", CultureInfo.InvariantCulture), surface: false);
        WriteRun("fit_002", 0.04, DateTimeOffset.Parse("2026-01-01T11:00:00Z", CultureInfo.InvariantCulture), surface: true);
        Server = await BoardServer.StartAsync(new BoardSettings(Root, IPAddress.Loopback, 0, LaunchAllowed: true, BoardSettings.DefaultPoll), ExperimentCatalog.Default);
        _playwright = await Playwright.CreateAsync();
        // WebGL without a GPU comes from SwiftShader, so the 3-D surfaces draw in CI too.
        Browser = await Chromium.LaunchAsync(_playwright, "--use-angle=swiftshader");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }

    /// <summary>Opens <paramref name="path"/> of the board in a fresh tab; console errors, page errors and failed requests are collected in <paramref name="errors"/>.</summary>
    public Task<IPage> OpenAsync(string path, List<string> errors) => Chromium.OpenAsync(Browser, new Uri(Address, path), errors);

    // A finished fit as the CLI writes it: 200 steps of a falling loss, sharpness every 10 steps rising towards 2/lr.
    private void WriteRun(string id, double learningRate, DateTimeOffset created, bool surface)
    {
        string folder = Path.Combine(Root, id);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "run.json"), $"{{\"experiment\": \"fit\", \"created\": \"{created:O}\", \"command\": \"neuroscope fit\", \"version\": \"0\"}}");
        File.WriteAllText(Path.Combine(folder, "config.json"), string.Create(CultureInfo.InvariantCulture, $"{{\"learningRate\": {learningRate}, \"steps\": 200, \"target\": \"sin\"}}"));
        var csv = new StringBuilder("stage,step,loss,generalization_error,sharpness,projection\n");
        for (int step = 1; step <= 200; step++)
        {
            string sharpness = step % 10 == 0 ? (2 / learningRate * (1 - Math.Exp(-step / 50.0))).ToString("R", CultureInfo.InvariantCulture) : "";
            csv.Append(CultureInfo.InvariantCulture, $"0,{step},{Math.Exp(-step / 40.0)},,{sharpness},\n");
        }
        File.WriteAllText(Path.Combine(folder, "metrics.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "summary.json"), $"{{\"headlines\": [{{\"label\": \"final loss\", \"value\": {Math.Exp(-5).ToString("R", CultureInfo.InvariantCulture)}, \"unit\": null}}]}}");
        if (surface)
        {
            var axis = Enumerable.Range(0, 21).Select(i => -1 + i / 10.0).ToArray();
            string Grid(Func<double, double, double> f) => "[" + string.Join(",", axis.Select(y => "[" + string.Join(",", axis.Select(x => f(x, y).ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]";
            string values = string.Join(",", axis.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            File.WriteAllText(Path.Combine(folder, "surface.json"),
                $"{{\"title\": \"2-D fit: prediction and target\", \"x\": {{\"label\": \"x1\", \"values\": [{values}]}}, \"y\": {{\"label\": \"x2\", \"values\": [{values}]}}, \"z\": {{\"label\": \"f\"}}, "
                + $"\"surfaces\": [{{\"name\": \"prediction\", \"z\": {Grid((x, y) => 0.9 * Math.Sin(3 * x) * Math.Cos(3 * y))}}}, {{\"name\": \"target\", \"z\": {Grid((x, y) => Math.Sin(3 * x) * Math.Cos(3 * y))}}}], "
                + "\"box\": {\"x0\": -0.5, \"x1\": 0.5, \"y0\": -0.5, \"y1\": 0.5}}");
        }
    }
}
