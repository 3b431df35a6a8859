using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NeuroScope.Cli.Board;

namespace NeuroScope.Cli.Tests.Board;

/// <summary>A run started from the board that fails: its page says why.</summary>
public sealed class LaunchedRunTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"neuroscope-launch-{Guid.NewGuid():N}");
    private BoardServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _server = await BoardServer.StartAsync(new BoardSettings(_root, IPAddress.Loopback, 0, LaunchAllowed: true, BoardSettings.DefaultPoll), ExperimentCatalog.Default);
        _client = new HttpClient { BaseAddress = _server.Address };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Launch_FitThatDiverges_EndsFailedWithItsMessageOnItsPage()
    {
        using var response = await _client.PostAsync("/api/launch", JsonContent.Create(new
        {
            experiment = "fit",
            values = new Dictionary<string, string> { ["--learning-rate"] = "1000", ["--steps"] = "200", ["--frame-every"] = "200", ["--sharpness-every"] = "0" },
        }));
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        string id = started.GetProperty("id").GetString()!;
        JsonElement run;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        do
        {
            await Task.Delay(200);
            run = await _client.GetFromJsonAsync<JsonElement>($"/api/run/{id}");
        }
        while (run.GetProperty("launch").GetProperty("running").GetBoolean() && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("neuroscope fit --learning-rate 1000 --steps 200 --frame-every 200 --sharpness-every 0", started.GetProperty("command").GetString());
        Assert.True(File.Exists(Path.Combine(_root, id, "config.json")), "the run is an ordinary run folder in the board's runs folder");
        Assert.Equal(1, run.GetProperty("launch").GetProperty("exitCode").GetInt32());
        Assert.Equal("failed", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Contains("diverged", run.GetProperty("run").GetProperty("message").GetString());
    }
}
