using System.Globalization;
using System.Net;
using System.Text.Json;

namespace NeuroScope.Cli.Tests.Board;

/// <summary>The board's answers about runs: the list at any depth, a run's page data, its metrics and a comparison.</summary>
public sealed class BoardServerTests(BoardFixture board) : IClassFixture<BoardFixture>
{
    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await board.Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static List<string> Ids(JsonElement list) => list.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task Runs_FolderWithNestedRuns_ListsEveryRunNewestFirstWithHeadlines()
    {
        var list = await GetJsonAsync("/api/runs");

        var ids = Ids(list).Where(id => id is "fit_001" or "sweep_001/fit_001" or "sweep_001/fit_002" or "dose_001").ToList();
        Assert.Equal(["dose_001", "sweep_001/fit_002", "sweep_001/fit_001", "fit_001"], ids);
        var dose = list.GetProperty("runs").EnumerateArray().First(r => r.GetProperty("id").GetString() == "dose_001");
        Assert.Equal("done", dose.GetProperty("status").GetString());
        Assert.Equal("final loss", dose.GetProperty("headlines")[0].GetProperty("label").GetString());
        Assert.Equal(1e-4, dose.GetProperty("headlines")[0].GetProperty("value").GetDouble());
        Assert.Equal("s", dose.GetProperty("headlines")[1].GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Runs_FilteredByExperiment_ListsOnlyThatExperiment()
    {
        var list = await GetJsonAsync("/api/runs?experiment=dose");

        Assert.Contains("dose_001", Ids(list));
        Assert.All(list.GetProperty("runs").EnumerateArray(), r => Assert.Equal("dose", r.GetProperty("experiment").GetString()));
    }

    [Fact]
    public async Task Runs_RunWithoutSummaryWhoseProcessRuns_IsLive()
    {
        string folder = BoardFixture.WriteRun(board.Root, "live_001", "fit", DateTimeOffset.Now, 0.01, 0.5, finished: false);
        File.WriteAllText(Path.Combine(folder, ".claim"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        string stopped = BoardFixture.WriteRun(board.Root, "stopped_001", "fit", DateTimeOffset.Now, 0.01, 0.5, finished: false);
        // A process id that cannot be running: the run stopped without a summary.
        File.WriteAllText(Path.Combine(stopped, ".claim"), "2147483646");

        var runs = (await GetJsonAsync("/api/runs")).GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString());

        Assert.Equal("live", runs["live_001"]);
        Assert.Equal("interrupted", runs["stopped_001"]);
    }

    [Fact]
    public async Task Run_Fit_GivesSettingsPicturesAndTheTwoOverLrLine()
    {
        var run = await GetJsonAsync("/api/run/sweep_001/fit_002");

        Assert.Equal("sweep_001/fit_002", run.GetProperty("run").GetProperty("id").GetString());
        var learningRate = run.GetProperty("settings").EnumerateArray().First(s => s.GetProperty("key").GetString() == "learningRate");
        Assert.Equal("Learning rate", learningRate.GetProperty("label").GetString());
        Assert.Equal("0.04", learningRate.GetProperty("value").GetString());
        Assert.Equal("dashboard.png", run.GetProperty("pictures")[0].GetProperty("file").GetString());
        Assert.NotEqual("", run.GetProperty("pictures")[0].GetProperty("caption").GetString());
        Assert.Equal(2 / 0.04, run.GetProperty("references").GetProperty("sharpness")[0].GetProperty("value").GetDouble(), 9);
        // Files the board does not serve (the model) are not offered either.
        Assert.DoesNotContain("model.nspm", run.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Metrics_SmallRun_GivesEverySeriesWhole()
    {
        var metrics = await GetJsonAsync("/api/metrics/fit_001");

        Assert.Equal(["stage", "step", "loss", "sharpness"], metrics.GetProperty("header").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(10, metrics.GetProperty("rows").GetInt32());
        var sharpness = metrics.GetProperty("series").EnumerateArray().First(s => s.GetProperty("column").GetString() == "sharpness");
        Assert.Equal([5.0, 10.0], sharpness.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([50.0, 100.0], sharpness.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task Metrics_HundredThousandRows_AreDownsampledKeepingTheSpikeAndTheTrough()
    {
        string folder = BoardFixture.WriteRun(board.Root, "long_001", "fit", DateTimeOffset.Now, 0.01, 0.5);
        using (var writer = new StreamWriter(Path.Combine(folder, "metrics.csv")))
        {
            writer.Write("stage,step,loss,sharpness\n");
            for (int step = 1; step <= 100_000; step++)
            {
                double value = step == 61_234 ? 1e6 : step == 77_777 ? -5 : 1 + Math.Sin(step / 1000.0);
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"0,{step},{value},\n"));
            }
        }

        var metrics = await GetJsonAsync("/api/metrics/long_001?points=1000");

        var loss = metrics.GetProperty("series")[0];
        Assert.Equal(100_000, loss.GetProperty("total").GetInt32());
        var x = loss.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var y = loss.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.InRange(x.Count, 500, 1000);
        Assert.Equal(1e6, y.Max());
        Assert.Equal(-5, y.Min());
        Assert.Equal(61_234, x[y.IndexOf(1e6)]);
        Assert.Equal(1, x[0]);
        Assert.Equal(100_000, x[^1]);
        Assert.True(x.Zip(x.Skip(1)).All(p => p.First < p.Second), "the kept points are in step order");
    }

    [Fact]
    public async Task Metrics_CopyRun_LeavesOutTheEpochCounterItsExperimentDeclares()
    {
        string folder = BoardFixture.WriteRun(board.Root, "copy_001", "copy", DateTimeOffset.Now, 0.01, 0.5);
        File.WriteAllText(Path.Combine(folder, "metrics.csv"), "stage,step,epoch,loss\n0,1,1,0.5\n0,2,2,0.25\n");

        var metrics = await GetJsonAsync("/api/metrics/copy_001");
        var detail = await GetJsonAsync("/api/run/copy_001");

        Assert.Equal(["loss"], metrics.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["loss"], metrics.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("column").GetString()));
        Assert.Equal(["epoch"], detail.GetProperty("counterColumns").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Compare_SweepRuns_LabelsEachRunByTheSettingThatDiffers()
    {
        var comparison = await GetJsonAsync("/api/compare?ids=sweep_001/fit_001,sweep_001/fit_002,gone_009&column=sharpness");

        Assert.Equal("sharpness", comparison.GetProperty("column").GetString());
        var runs = comparison.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal("learning rate 0.01 (sweep_001/fit_001)", runs[0].GetProperty("legend").GetString());
        Assert.Equal("learning rate 0.04 (sweep_001/fit_002)", runs[1].GetProperty("legend").GetString());
        Assert.Equal(2 / 0.04, runs[1].GetProperty("references")[0].GetProperty("value").GetDouble(), 9);
        Assert.Equal(["gone_009"], comparison.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/run/fit_001")]
    [InlineData("/compare")]
    [InlineData("/launch")]
    [InlineData("/static/board.js")]
    [InlineData("/web/charts.js")]
    public async Task Pages_AreServedFromTheTool(string url)
    {
        using var response = await board.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsStringAsync()).Length > 100);
    }

    [Theory]
    [InlineData("/", "Runs · NeuroScope board")]
    [InlineData("/run/fit_001", "Run · NeuroScope board")]
    [InlineData("/compare", "Compare · NeuroScope board")]
    [InlineData("/launch", "Launch · NeuroScope board")]
    public async Task Pages_ShareOneHead_EachWithItsTitle(string url, string title)
    {
        string page = await board.Client.GetStringAsync(url);

        Assert.StartsWith("<!doctype html>", page, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "<title>"));
        Assert.Contains($"<title>{title}</title>", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/web/charts.js\"></script>\n</head>\n<body>\n<main>", page, StringComparison.Ordinal);
        Assert.EndsWith("</script>\n</body>\n</html>\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_PageFile_IsNotServedHalf()
    {
        using var response = await board.Client.GetAsync("/static/index.html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
