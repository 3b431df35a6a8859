using System.Globalization;
using System.Text.Json;
using NeuroScope.Cli.Commands;
using NeuroScope.Experiments.Copy;
using static NeuroScope.Cli.Tests.CliRunner;

namespace NeuroScope.Cli.Tests.Copy;

public sealed class CopyCommandTests : IDisposable
{
    private readonly CliRunner _cli = new("copy-cli");

    private string Runs => _cli.RunsDir;

    public void Dispose() => _cli.Dispose();

    /// <summary>A hand-made copy run with one model, so prompt outputs are known exactly.</summary>
    private string MakeRun(string name, string way, string dtype, double weight, double bias, DateTimeOffset created)
    {
        string folder = Path.Combine(Runs, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "run.json"),
            JsonSerializer.Serialize(new { experiment = "copy", created, command = "neuroscope copy", version = "0.1.0" }));
        File.WriteAllText(Path.Combine(folder, $"params_{way}.json"),
            string.Create(CultureInfo.InvariantCulture, $"{{\"way\": \"{way}\", \"dtype\": \"{dtype}\", \"weight\": {weight:R}, \"bias\": {bias:R}}}"));
        return folder;
    }

    [Fact]
    public void Copy_AllWays_WritesRunDirectoryAndShowsFloat32Rounding()
    {
        var (code, output, error) = Run("copy", "--mse-epochs", "300", "--reward-epochs", "300", "--pure-epochs", "300", "--runs-dir", Runs, "--no-progress");

        Assert.True(code == CliApp.Success, error);
        string run = Path.Combine(Runs, "copy_001");
        foreach (string file in new[] { "config.json", "run.json", "metrics.csv", "summary.json", "params_mse.json", "params_reward.json",
                     "params_pure.json", "reward_epochs.csv", "loss_mse.png", "loss_reward.png", "loss_pure.png", "reward.png", "outputs.png", "outputs_far.png" })
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        // A header and one line per epoch.
        Assert.Equal(301, File.ReadAllLines(Path.Combine(run, "reward_epochs.csv")).Length);
        Assert.Contains("123123123123.0000", output);
        Assert.Contains("123123122176.0000", output);
        Assert.Contains("Epoch 300/300: Input=", output);
        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json"))).RootElement;
        Assert.Equal(300, config.GetProperty("mseEpochs").GetInt32());
        Assert.Equal(300, config.GetProperty("rewardEpochs").GetInt32());
        Assert.Equal(300, config.GetProperty("pureEpochs").GetInt32());
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json"))).RootElement;
        Assert.Equal(3, summary.GetProperty("ways").GetArrayLength());
    }

    [Fact]
    public void Copy_Float32Table_ShowsOutputThatFloat32RoundingGives()
    {
        var (code, output, _) = Run("copy", "--way", "pure", "--runs-dir", Runs, "--quiet");
        var parameters = JsonSerializer.Deserialize<CopyParameters>(File.ReadAllText(Path.Combine(Runs, "copy_001", "params_pure.json")),
            Experiments.ExperimentJson.Options)!;
        float product = (float)parameters.Weight * (float)123_123_123_123;
        float expected32 = product + (float)parameters.Bias;

        Assert.Equal(CliApp.Success, code);
        Assert.Contains(((double)expected32).ToString("F4", CultureInfo.InvariantCulture), output);
        Assert.Contains((parameters.Weight * 123_123_123_123 + parameters.Bias).ToString("F4", CultureInfo.InvariantCulture), output);
    }

    [Theory]
    [InlineData("--way", "sideways", "--way: 'sideways' is not allowed; allowed: all, mse, reward, pure")]
    [InlineData("--dtype", "float16", "--dtype: 'float16' is not allowed; allowed: float32, float64")]
    [InlineData("--reward-shape", "quadratic", "--reward-shape: 'quadratic' is not allowed; allowed: exp, linear")]
    [InlineData("--learning-rate", "-1", "--learning-rate: -1 is not allowed; it must be a positive number")]
    [InlineData("--reward-epochs", "0", "--reward-epochs: 0 is not allowed; allowed: 1..1000000.")]
    [InlineData("--reward-s", "0", "--reward-s: 0 is not allowed")]
    [InlineData("--reward-f", "-2", "--reward-f: -2 is not allowed; allowed: 0..1000000.")]
    [InlineData("--mse-epochs", "many", "--mse-epochs: 'many' is not allowed")]
    [InlineData("--mse-epochs", "1,000", "no thousands separators")]
    [InlineData("--learning-rate", "0,01", "--learning-rate: '0,01' is not allowed")]
    [InlineData("--config", "no-such-file.json", "does not exist")]
    public void Copy_BadInput_ExitsTwoWithMessage(string option, string value, string message)
    {
        var (code, _, error) = Run("copy", option, value, "--runs-dir", Runs);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(Directory.Exists(Path.Combine(Runs, "copy_001")), "no run directory for bad input");
    }

    [Fact]
    public void Copy_ConfigWithUnknownKey_ExitsTwo()
    {
        Directory.CreateDirectory(Runs);
        string path = Path.Combine(Runs, "bad.json");
        File.WriteAllText(path, "{\"learningRat\": 0.1}");

        var (code, _, error) = Run("copy", "--config", path, "--runs-dir", Runs);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("learningRat", error);
    }

    [Fact]
    public void Copy_ConfigFile_OptionsOverrideIt()
    {
        Directory.CreateDirectory(Runs);
        string path = Path.Combine(Runs, "start.json");
        File.WriteAllText(path, "{\"way\": \"reward\", \"rewardEpochs\": 120, \"rewardShape\": \"linear\", \"seed\": 1}");

        var (code, _, error) = Run("copy", "--config", path, "--seed", "5", "--reward-m", "2", "--runs-dir", Runs, "-q");

        Assert.True(code == CliApp.Success, error);
        var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Runs, "copy_001", "config.json"))).RootElement;
        Assert.Equal("reward", config.GetProperty("way").GetString());
        Assert.Equal("linear", config.GetProperty("rewardShape").GetString());
        Assert.Equal(120, config.GetProperty("rewardEpochs").GetInt32());
        Assert.Equal(5, config.GetProperty("seed").GetInt32());
        Assert.Equal(2, config.GetProperty("rewardM").GetDouble());
        Assert.Equal(500, config.GetProperty("mseEpochs").GetInt32());
    }

    [Fact]
    public void Copy_Diverging_ExitsOneAndKeepsNoModel()
    {
        var (code, _, error) = Run("copy", "--way", "mse", "--learning-rate", "0.5", "--runs-dir", Runs, "-q");

        Assert.Equal(CliApp.RunFailed, code);
        Assert.Contains("diverged", error);
        Assert.True(File.Exists(Path.Combine(Runs, "copy_001", "summary.json")));
        Assert.False(File.Exists(Path.Combine(Runs, "copy_001", "params_mse.json")));
    }

    [Fact]
    public void Copy_Sweep_PrintsEachSetting()
    {
        var (code, output, error) = Run("copy", "--way", "pure", "--pure-epochs", "100", "--sweep", "--runs-dir", Runs, "-q");

        Assert.True(code == CliApp.Success, error);
        Assert.Contains("Sweep of the MSE way", output);
        Assert.Contains("5000", output);
        Assert.Contains("0.001", output);
        Assert.True(File.Exists(Path.Combine(Runs, "copy_001", "sweep.png")));
    }

    [Fact]
    public void Prompt_NumbersExitGarbage_AnswersEachLine()
    {
        MakeRun("copy_001", "mse", "float32", 2, 0.5, DateTimeOffset.Now);
        // fl32(2·fl32(123123123123)) + 0.5: the float32 spacing there is 16384, so the 0.5 is lost.
        double huge = (float)((float)2 * (float)123_123_123_123 + 0.5f);

        var (code, output, error) = RunWithInput("1\nabc\n\n  9  \n123123123123\nEXIT\n5\n", "copy", "prompt", "--runs-dir", Runs, "-q");

        Assert.True(code == CliApp.Success, error);
        string expected = "Input a number: Model output: 2.5000\n"
            + "Input a number: NaN - Enter a valid number.\n"
            + "Input a number: NaN - Enter a valid number.\n"
            + "Input a number: Model output: 18.5000\n"
            + $"Input a number: Model output: {huge.ToString("F4", CultureInfo.InvariantCulture)}\n"
            + "Input a number: ";
        Assert.Equal(expected, output.Replace("\r\n", "\n"));
        Assert.Equal(246_246_244_352, huge);
    }

    [Fact]
    public void Prompt_EndOfInput_EndsCleanly()
    {
        MakeRun("copy_001", "pure", "float64", 1, 0, DateTimeOffset.Now);

        var (code, output, _) = RunWithInput("3", "copy", "prompt", "--runs-dir", Runs, "-q");

        Assert.Equal(CliApp.Success, code);
        Assert.Equal("Input a number: Model output: 3.0000\nInput a number: \n", output.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Prompt_AnyText_NeverCrashes()
    {
        MakeRun("copy_001", "reward", "float64", 1, 0, DateTimeOffset.Now);
        string[] lines = ["nan", "NaN", "Infinity", "-inf", "1e999", "1,5", "0x10", "--", "exit now", "\u0000", "１２", new string('9', 5000),
            "1e-400", "-0", "+7", ".5", "2e3", "   ", "\t", "exit"];

        var (code, output, error) = RunWithInput(string.Join("\n", lines) + "\n", "copy", "prompt", "--runs-dir", Runs, "--model", "reward", "-q");

        Assert.True(code == CliApp.Success, error);
        var answers = output.Replace("\r\n", "\n").Split("Input a number: ", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Length - 1, answers.Length);
        for (int i = 0; i < answers.Length; i++)
            Assert.True(answers[i] == "NaN - Enter a valid number.\n" || answers[i].StartsWith("Model output: ", StringComparison.Ordinal), $"{lines[i]} → {answers[i]}");
        // 5000 nines overflows a double to infinity, so it is refused; 1e-400 underflows to 0, which is a number.
        Assert.Equal("NaN - Enter a valid number.\n", answers[11]);
        Assert.Equal("Model output: 0.0000\n", answers[12]);
        Assert.Equal("Model output: 2000.0000\n", answers[16]);
        Assert.Equal("Model output: 0.5000\n", answers[15]);
    }

    [Fact]
    public void Prompt_WithoutRun_FindsTheLatestCopyRunInsideATour()
    {
        MakeRun("copy_001", "mse", "float64", 1, 10, DateTimeOffset.Now.AddMinutes(-5));
        MakeRun(Path.Combine("tour_001", "copy_001"), "pure", "float64", 1, 30, DateTimeOffset.Now);

        var (code, output, _) = RunWithInput("1\n", "copy", "prompt", "--runs-dir", Runs, "-q");

        Assert.Equal(CliApp.Success, code);
        Assert.Contains("Model output: 31.0000", output);
    }

    [Fact]
    public void Runs_ListsTourRunsWithTheirHeadlines()
    {
        string run = MakeRun(Path.Combine("tour_001", "copy_001"), "pure", "float64", 1, 0, DateTimeOffset.Now);
        File.WriteAllText(Path.Combine(run, "summary.json"), """{ "headlines": [ { "label": "max error", "value": 0.25, "unit": null } ] }""");

        var (code, output, _) = Run("runs", "--runs-dir", Runs);

        Assert.Equal(CliApp.Success, code);
        Assert.Contains("tour_001/copy_001", output);
        Assert.Contains("max error 0.25", output);
    }

    [Fact]
    public void Runs_ShowsTheFirstTwoHeadlinesWhole()
    {
        string run = MakeRun("copy_001", "pure", "float64", 1, 0, DateTimeOffset.Now);
        File.WriteAllText(Path.Combine(run, "summary.json"), """
            { "headlines": [ { "label": "max |y − x| over the probe inputs", "value": 689691967.4, "unit": null },
                             { "label": "max |y − x|, mse", "value": 12.5, "unit": "mm" },
                             { "label": "max |y − x|, reward", "value": 3, "unit": null } ] }
            """);

        var (code, output, _) = Run("runs", "--runs-dir", Runs, "--no-progress");

        Assert.Equal(CliApp.Success, code);
        Assert.Contains("max |y − x| over the probe inputs 6.89692E+08; max |y − x|, mse 12.5 mm", output);
        Assert.DoesNotContain("reward", output);
        Assert.DoesNotContain("characters)", output);
    }

    [Fact]
    public void Prompt_WithoutRun_UsesLatestCopyRun()
    {
        MakeRun("copy_001", "mse", "float64", 1, 10, DateTimeOffset.Now.AddMinutes(-5));
        MakeRun("mine_001", "mse", "float64", 1, 20, DateTimeOffset.Now);
        string other = Path.Combine(Runs, "dose_001");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "run.json"), JsonSerializer.Serialize(new { experiment = "dose", created = DateTimeOffset.Now.AddMinutes(5) }));

        var (code, output, _) = RunWithInput("1\n", "copy", "prompt", "--runs-dir", Runs, "-q");

        Assert.Equal(CliApp.Success, code);
        Assert.Contains("Model output: 21.0000", output);
    }

    [Fact]
    public void Prompt_RunOption_PicksThatRunAndModel()
    {
        string older = MakeRun("copy_001", "pure", "float64", 3, 0, DateTimeOffset.Now.AddMinutes(-5));
        MakeRun("copy_002", "pure", "float64", 1, 0, DateTimeOffset.Now);

        var (code, output, _) = RunWithInput("2\n", "copy", "prompt", "--run", older, "--model", "PURE", "-q");

        Assert.Equal(CliApp.Success, code);
        Assert.Contains("Model output: 6.0000", output);
    }

    [Fact]
    public void Prompt_NoRun_SaysHowToMakeOne()
    {
        var (code, _, error) = RunWithInput("1\n", "copy", "prompt", "--runs-dir", Runs);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("There is no copy run", error);
        Assert.Contains("neuroscope copy", error);
    }

    [Theory]
    [InlineData("reward", "has no reward model; it has: mse")]
    [InlineData("linear", "model: 'linear' is not allowed; allowed: mse, reward, pure")]
    public void Prompt_BadModel_ExitsTwo(string model, string message)
    {
        string run = MakeRun("copy_001", "mse", "float32", 1, 0, DateTimeOffset.Now);

        var (code, _, error) = RunWithInput("1\n", "copy", "prompt", "--run", run, "--model", model);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Prompt_MissingRunDirectory_ExitsTwo()
    {
        var (code, _, error) = RunWithInput("1\n", "copy", "prompt", "--run", Path.Combine(Runs, "nope"));

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public void RunPrompt_Cancelled_WhileWaitingForInput_EndsCleanly()
    {
        using var blocked = new BlockingReader();
        var output = new StringWriter();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var parameters = new CopyParameters(CopyWay.Mse, CopyDtype.Float32, 1, 0);

        int code = CopyPromptCommand.RunPrompt(blocked, output, parameters, cancel.Token);

        Assert.Equal(CliApp.Success, code);
        Assert.Equal("Input a number: " + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void Replay_SavedConfig_MakesNewRun()
    {
        Run("copy", "--way", "pure", "--pure-epochs", "50", "--runs-dir", Runs, "-q");

        var (code, _, _) = Run("replay", Path.Combine(Runs, "copy_001"), "-q");

        Assert.Equal(CliApp.Success, code);
        Assert.Equal(File.ReadAllText(Path.Combine(Runs, "copy_001", "params_pure.json")), File.ReadAllText(Path.Combine(Runs, "copy_002", "params_pure.json")));
    }

    /// <summary>A reader whose ReadLine waits until disposed, as a terminal with nobody typing.</summary>
    private sealed class BlockingReader : TextReader
    {
        private readonly ManualResetEventSlim _released = new();

        public override string? ReadLine()
        {
            _released.Wait();
            return null;
        }

        protected override void Dispose(bool disposing)
        {
            _released.Set();
            base.Dispose(disposing);
        }
    }
}
