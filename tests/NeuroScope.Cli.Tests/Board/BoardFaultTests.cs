using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace NeuroScope.Cli.Tests.Board;

/// <summary>Faults while the board runs (a run deleted, files damaged) and bad options when it starts.</summary>
public sealed class BoardFaultTests(BoardFixture board) : IClassFixture<BoardFixture>
{
    private async Task<Dictionary<string, JsonElement>> RunsAsync()
    {
        using var response = await board.Client.GetAsync("/api/runs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.Clone());
    }

    [Fact]
    public async Task Runs_CorruptSummaryAndCutMetrics_ShowThoseRunsDamagedAndServeTheOthers()
    {
        string corrupt = BoardFixture.WriteRun(board.Root, "corrupt_001", "fit", DateTimeOffset.Now, 0.01, 0.5);
        string cut = BoardFixture.WriteRun(board.Root, "cut_001", "fit", DateTimeOffset.Now, 0.01, 0.5);
        Assert.Equal("done", (await RunsAsync())["corrupt_001"].GetProperty("status").GetString());
        File.WriteAllText(Path.Combine(corrupt, "summary.json"), "{\"headlines\": [ {\"label\": ");
        File.AppendAllText(Path.Combine(cut, "metrics.csv"), "0,11,0.12");

        var runs = await RunsAsync();
        using var page = await board.Client.GetAsync("/api/run/corrupt_001");
        using var metrics = await board.Client.GetAsync("/api/metrics/cut_001");

        Assert.Equal("damaged", runs["corrupt_001"].GetProperty("status").GetString());
        Assert.Contains("summary.json", runs["corrupt_001"].GetProperty("message").GetString());
        Assert.Equal("damaged", runs["cut_001"].GetProperty("status").GetString());
        Assert.Contains("metrics.csv", runs["cut_001"].GetProperty("message").GetString());
        Assert.Equal("done", runs["fit_001"].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var view = JsonDocument.Parse(await metrics.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(10, view.GetProperty("rows").GetInt32());
        Assert.True(view.GetProperty("cut").GetBoolean());
    }

    [Fact]
    public async Task Run_DeletedWhileTheBoardRuns_DisappearsAndItsPageGets404()
    {
        string folder = BoardFixture.WriteRun(board.Root, "doomed_001", "dose", DateTimeOffset.Now, 0.1, 0.5);
        Assert.Contains("doomed_001", (await RunsAsync()).Keys);

        Directory.Delete(folder, recursive: true);
        var runs = await RunsAsync();
        using var page = await board.Client.GetAsync("/api/run/doomed_001");
        using var picture = await board.Client.GetAsync("/api/files/doomed_001/dashboard.png");

        Assert.DoesNotContain("doomed_001", runs.Keys);
        Assert.Contains("fit_001", runs.Keys);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, picture.StatusCode);
    }

    [Fact]
    public void Board_MissingRunsFolder_ExitsWith2NamingIt()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"neuroscope-missing-{Guid.NewGuid():N}");

        var (code, _, stderr) = CliRunner.Run("board", "--runs-dir", missing);

        Assert.Equal(2, code);
        Assert.Contains($"--runs-dir: '{missing}' does not exist", stderr);
        Assert.False(Directory.Exists(missing));
    }

    [Theory]
    [InlineData("--host", "not-an-address", "--host: 'not-an-address' is not allowed")]
    [InlineData("--host", "10.254.254.254", "--host: 10.254.254.254 is not an address of this machine")]
    [InlineData("--port", "70000", "--port: '70000' is not allowed; give a whole number 1..65535")]
    [InlineData("--port", "-1", "--port: '-1' is not allowed")]
    public void Board_BadHostOrPort_ExitsWith2WithAClearMessage(string option, string value, string message)
    {
        var (code, _, stderr) = CliRunner.Run("board", "--runs-dir", board.Root, option, value, "--allow-launch");

        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Board_PortInUse_ExitsWith2NamingThePort()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, stderr) = CliRunner.Run("board", "--runs-dir", board.Root, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, code);
        Assert.Contains($"--port: {port} is in use by another program", stderr);
    }
}
