using System.Globalization;
using System.Text.Json;
using NeuroScope.Experiments;

namespace NeuroScope.Cli.Tests.Contract;

/// <summary>The contract end to end, driven by a fifth experiment that the four do not share code with.</summary>
public sealed class ExperimentContractTests : IDisposable
{
    // Adding an experiment to the command is this one line.
    private static readonly ExperimentRegistry Registry = ExperimentCatalog.Default.With(new MeanExperiment { Draw = MeanExperiment.DrawPath });

    private readonly CliRunner _cli = new("contract");

    private string Runs => _cli.RunsDir;

    public void Dispose() => _cli.Dispose();

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CliApp.Run(args, output, error, new StringReader(""), Registry);
        return (code, output.ToString(), error.ToString());
    }

    private static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    [Fact]
    public void NewExperiment_RunsAsAVerb_AndWritesTheWholeRunDirectory()
    {
        var (code, _, error) = Run("mean", "--values", "1,2,3,6", "--learning-rate", "0.2", "--runs-dir", Runs, "--quiet");

        Assert.True(code == CliApp.Success, error);
        string run = Path.Combine(Runs, "mean_001");
        Assert.Equal(0.2, Json(Path.Combine(run, "config.json")).GetProperty("learningRate").GetDouble());
        Assert.Equal("mean", Json(Path.Combine(run, "run.json")).GetProperty("experiment").GetString());
        var metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.Equal("stage,step,loss,estimate", metrics[0]);
        Assert.Equal(1 + 50, metrics.Length);
        // Each step multiplies the error by 1 − 2·lr = 0.6: after 50 steps it is 3·0.6⁵⁰.
        var headlines = Json(Path.Combine(run, "summary.json")).GetProperty("headlines");
        Assert.Equal("estimate", headlines[0].GetProperty("label").GetString());
        Assert.Equal(3 - 3 * Math.Pow(0.6, 50), headlines[0].GetProperty("value").GetDouble(), 12);
        Assert.True(File.Exists(Path.Combine(run, "estimate.svg")));
    }

    [Fact]
    public void NewExperiment_HelpShowsEachDeclaredOptionWithDefaultAndRange()
    {
        var (code, output, _) = Run("mean", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--learning-rate <number>", output);
        Assert.Contains("(> 0 and ≤ 1). [default: 0.1]", output);
        Assert.Contains("(1..10000). [default: 50]", output);
        Assert.Contains("[default: 1,2,3,6]", output);
        Assert.Contains("neuroscope mean --values 1,2,3 --learning-rate 0.2", output);
    }

    [Theory]
    [InlineData("--steps", "0", "--steps: 0 is not allowed; allowed: 1..10000.")]
    [InlineData("--learning-rate", "0", "--learning-rate: 0 is not allowed; it must be greater than 0 and at most 1.")]
    [InlineData("--learning-rate", "0,5", "--learning-rate: '0,5' is not allowed; it must be a number with '.' as the decimal point and no thousands separators.")]
    [InlineData("--steps", "1,000", "--steps: '1,000' is not allowed; it must be a whole number with no thousands separators.")]
    [InlineData("--values", "1;2", "--values: '1;2' is not allowed")]
    public void NewExperiment_BadOption_OneMessageFormatNamingTheOption(string option, string value, string message)
    {
        var (code, _, error) = Run("mean", option, value, "--runs-dir", Runs);

        Assert.Equal(CliApp.BadInput, code);
        Assert.StartsWith("error: " + message, error);
        Assert.False(Directory.Exists(Runs), "bad input writes nothing");
    }

    [Theory]
    [InlineData("""{ "steps": 0 }""", "error: steps: 0 is not allowed; allowed: 1..10000.")]
    [InlineData("""{ "learningRate": "0,5" }""", "error: learningRate: '0,5' is not allowed; it must be a JSON number, with '.' as the decimal point and no thousands separators.")]
    [InlineData("""{ "values": "1,2" }""", "error: values: '1,2' is not allowed; it must have the JSON form of its default, [1,2,3,6].")]
    public void NewExperiment_BadValueInConfigFile_NamesTheJsonField(string json, string message)
    {
        Directory.CreateDirectory(Runs);
        string path = Path.Combine(Runs, "config.json");
        File.WriteAllText(path, json);

        var (code, _, error) = Run("mean", "--config", path, "--runs-dir", Runs);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void NewExperiment_ConfigFileWithTypedOverride_ReplaysUnderItsName_AndRunsListsIt()
    {
        Directory.CreateDirectory(Runs);
        string path = Path.Combine(Runs, "start.json");
        File.WriteAllText(path, """{ "values": [10, 20], "steps": 5 }""");

        var (code, _, error) = Run("mean", "--config", path, "--steps", "7", "--name", "Averages", "--runs-dir", Runs, "-q");
        var (replayCode, _, replayError) = Run("replay", Path.Combine(Runs, "averages_001"), "-q");
        var (_, listing, _) = Run("runs", "--runs-dir", Runs);

        Assert.True(code == CliApp.Success, error);
        Assert.True(replayCode == CliApp.Success, replayError);
        var config = Json(Path.Combine(Runs, "averages_001", "config.json"));
        Assert.Equal(7, config.GetProperty("steps").GetInt32());
        Assert.Equal(20, config.GetProperty("values")[1].GetDouble());
        Assert.Equal(File.ReadAllText(Path.Combine(Runs, "averages_001", "metrics.csv")), File.ReadAllText(Path.Combine(Runs, "averages_002", "metrics.csv")));
        double estimate = Json(Path.Combine(Runs, "averages_001", "summary.json")).GetProperty("estimate").GetDouble();
        Assert.Contains("averages_002", listing);
        Assert.Contains("estimate " + estimate.ToString("G6", CultureInfo.InvariantCulture), listing);
    }

    [Fact]
    public void TheCommandWithoutTheLine_DoesNotKnowTheVerb()
    {
        var (code, _, error) = CliRunner.Run("mean");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("mean", error);
    }
}
