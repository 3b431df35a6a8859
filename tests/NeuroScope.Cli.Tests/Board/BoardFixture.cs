using System.Globalization;
using System.Net;
using System.Text;
using NeuroScope.Cli.Board;

namespace NeuroScope.Cli.Tests.Board;

/// <summary>A runs folder of hand-made run folders and a board serving it on a free loopback port, shared by a test class.</summary>
public sealed class BoardFixture : IAsyncLifetime
{
    /// <summary>The runs folder.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"neuroscope-board-{Guid.NewGuid():N}");

    /// <summary>A client of the board (base address set).</summary>
    public HttpClient Client { get; private set; } = null!;

    internal BoardServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        WriteRun(Root, "fit_001", "fit", DateTimeOffset.Parse("2026-01-01T10:00:00Z", CultureInfo.InvariantCulture), learningRate: 0.02, finalLoss: 0.5);
        WriteRun(Root, "sweep_001/fit_001", "fit", DateTimeOffset.Parse("2026-01-02T10:00:00Z", CultureInfo.InvariantCulture), learningRate: 0.01, finalLoss: 0.25);
        WriteRun(Root, "sweep_001/fit_002", "fit", DateTimeOffset.Parse("2026-01-02T10:01:00Z", CultureInfo.InvariantCulture), learningRate: 0.04, finalLoss: 0.125);
        WriteRun(Root, "dose_001", "dose", DateTimeOffset.Parse("2026-01-03T10:00:00Z", CultureInfo.InvariantCulture), learningRate: 0.1, finalLoss: 1e-4);
        // A file outside every run folder, which no request may read.
        File.WriteAllText(Path.Combine(Root, "secret.json"), "{\"secret\": true}");
        Server = await BoardServer.StartAsync(new BoardSettings(Root, IPAddress.Loopback, 0, LaunchAllowed: true, TimeSpan.FromMilliseconds(50)), ExperimentCatalog.Default);
        Client = new HttpClient { BaseAddress = Server.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>
    /// Writes a finished run folder as the CLI would: run.json, config.json, a metrics.csv of 10 steps (loss halving,
    /// sharpness every 5), summary.json with two headlines, and a picture.
    /// </summary>
    public static string WriteRun(string root, string id, string experiment, DateTimeOffset created, double learningRate, double finalLoss, bool finished = true)
    {
        string folder = Path.Combine(root, id);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "run.json"),
            $"{{\"experiment\": \"{experiment}\", \"created\": \"{created:O}\", \"command\": \"neuroscope {experiment}\", \"version\": \"0\"}}");
        File.WriteAllText(Path.Combine(folder, "config.json"),
            string.Create(CultureInfo.InvariantCulture, $"{{\"learningRate\": {learningRate}, \"steps\": 10, \"target\": \"sin\"}}"));
        var csv = new StringBuilder("stage,step,loss,sharpness\n");
        for (int step = 1; step <= 10; step++)
            csv.Append(CultureInfo.InvariantCulture, $"0,{step},{finalLoss * Math.Pow(2, 10 - step)},{(step % 5 == 0 ? (step * 10).ToString(CultureInfo.InvariantCulture) : "")}\n");
        File.WriteAllText(Path.Combine(folder, "metrics.csv"), csv.ToString());
        if (finished)
        {
            File.WriteAllText(Path.Combine(folder, "summary.json"), string.Create(CultureInfo.InvariantCulture,
                $"{{\"finalLoss\": {finalLoss}, \"headlines\": [{{\"label\": \"final loss\", \"value\": {finalLoss}, \"unit\": null}}, {{\"label\": \"time\", \"value\": 1.5, \"unit\": \"s\"}}]}}"));
        }
        File.WriteAllBytes(Path.Combine(folder, "dashboard.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]);
        File.WriteAllText(Path.Combine(folder, "model.nspm"), "weights");
        return folder;
    }
}
