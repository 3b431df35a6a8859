using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NeuroScope.Cli.Board;

namespace NeuroScope.Cli.Tests.Board;

/// <summary>The launch form is derived from the declared options and checks values with the command line's own messages.</summary>
public sealed class LaunchFormTests(BoardFixture board) : IClassFixture<BoardFixture>
{
    [Fact]
    public async Task Experiments_EveryRegisteredExperiment_HasAFormWithItsDeclaredOptions()
    {
        using var doc = JsonDocument.Parse(await board.Client.GetStringAsync("/api/experiments"));

        var forms = doc.RootElement.GetProperty("experiments").EnumerateArray().ToList();
        Assert.True(doc.RootElement.GetProperty("launch").GetBoolean());
        Assert.Equal(ExperimentCatalog.Default.Select(e => e.Verb), forms.Select(f => f.GetProperty("verb").GetString()));
        var fit = forms.First(f => f.GetProperty("verb").GetString() == "fit").GetProperty("variants")[0].GetProperty("fields").EnumerateArray().ToList();
        var learningRate = fit.First(f => f.GetProperty("option").GetString() == "--learning-rate");
        var declared = ExperimentCatalog.Default.Find("fit")!.Options.Options.First(o => o.CliName == "--learning-rate");
        Assert.Equal(declared.DefaultText, learningRate.GetProperty("default").GetString());
        Assert.Equal(declared.RangeText, learningRate.GetProperty("range").GetString());
        Assert.Equal(declared.Help, learningRate.GetProperty("help").GetString());
        Assert.Equal(ExperimentCatalog.Default.Find("fit")!.Options.Options.Count, fit.Count);
        var pde = fit.First(f => f.GetProperty("option").GetString() == "--pde");
        Assert.Equal("none", pde.GetProperty("choices")[0].GetString());
    }

    [Theory]
    [InlineData("fit", "--learning-rate", "-1")]
    [InlineData("fit", "--steps", "1,5")]
    [InlineData("fit", "--hidden", "64,x")]
    [InlineData("fit", "--activation", "sigmoidal")]
    [InlineData("dose", "--mode", "neither")]
    public async Task Check_BadValue_GivesTheCommandLinesMessage(string experiment, string option, string value)
    {
        var (code, _, stderr) = CliRunner.Run(experiment, option, value, "--runs-dir", Path.Combine(board.Root, "never"));

        using var response = await board.Client.PostAsync("/api/check", JsonContent.Create(new { experiment, values = new Dictionary<string, string> { [option] = value } }));
        var check = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(2, code);
        Assert.Equal(stderr.Split('\n')[0], "error: " + check.GetProperty("message").GetString());
        Assert.Equal(option, check.GetProperty("option").GetString());
    }

    [Fact]
    public async Task Check_ChangedValues_BecomeTheCommandLineThatRunsThem()
    {
        using var response = await board.Client.PostAsync("/api/check", JsonContent.Create(new
        {
            experiment = "fit",
            values = new Dictionary<string, string> { ["--learning-rate"] = "0.02", ["--steps"] = "5000", ["--target"] = "poly" },
        }));
        var check = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(["fit", "--learning-rate", "0.02", "--target", "poly"], check.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Launch_BoardListeningBeyondThisMachineWithoutAllowLaunch_IsOff()
    {
        var settings = NeuroScope.Cli.Board.BoardCommand.Settings(board.Root, "0", "0.0.0.0", allowLaunch: false, cli: null);
        await using var server = await BoardServer.StartAsync(settings with { Address = IPAddress.Loopback }, ExperimentCatalog.Default);
        using var client = new HttpClient { BaseAddress = server.Address };

        using var response = await client.PostAsync("/api/launch", new StringContent("{\"experiment\": \"dose\", \"values\": {}}", Encoding.UTF8, "application/json"));
        using var experiments = JsonDocument.Parse(await client.GetStringAsync("/api/experiments"));

        Assert.False(settings.LaunchAllowed);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(experiments.RootElement.GetProperty("launch").GetBoolean());
        Assert.Contains("--allow-launch", experiments.RootElement.GetProperty("reason").GetString());
    }
}
