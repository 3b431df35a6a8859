using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Copy;
using NeuroScope.Experiments.Runs;
using NeuroScope.Plotting.Copy;
using Spectre.Console;

namespace NeuroScope.Cli.Commands;

/// <summary>
/// <c>neuroscope copy</c>: a one-neuron linear model learns to output its input three ways (MSE, reward and penalty,
/// framework-free); <c>neuroscope copy prompt</c> then answers numbers typed at an <c>Input a number:</c> prompt.
/// </summary>
internal static class CopyCommand
{
    private const string Experiment = "copy";
    private static readonly string[] WayNames = ["all", "mse", "reward", "pure"];
    private static readonly string[] ModelNames = ["mse", "reward", "pure"];
    private static readonly string[] MetricColumns = ["epoch", "loss", "input", "output", "errorMargin", "reward", "weight", "bias"];

    public static Command Create(TextWriter output, TextWriter error, TextReader input)
    {
        var way = new Option<string?>("--way") { Description = "Which way to train: mse, reward, pure or all (default all)." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs of the chosen way, or of each way with --way all (defaults: mse 500, reward 25000, pure 25000)." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "SGD step size of every way, > 0 (default 0.01)." };
        var rewardShape = new Option<string?>("--reward-shape") { Description = "Reward term: exp (m·exp(−e/s)) or linear (m·(1 − e)) (default exp)." };
        var rewardM = new Option<double?>("--reward-m") { Description = "m, the reward's scale, > 0 (default 1)." };
        var rewardS = new Option<double?>("--reward-s") { Description = "s, the exponential reward's error scale, > 0 (default 100)." };
        var rewardF = new Option<double?>("--reward-f") { Description = "f, the penalty's slope, ≥ 0 (default 1.333)." };
        var rewardT = new Option<double?>("--reward-t") { Description = "t, the error above which the penalty applies, ≥ 0 (default 0.01)." };
        var dtype = new Option<string?>("--dtype") { Description = "Floating-point type of the engine ways: float32 or float64 (default float32)." };
        var seed = new Option<int?>("--seed") { Description = "Seed of the initial parameters and the samples (default 0)." };
        var sweep = new Option<bool>("--sweep") { Description = "Also train the MSE way at 10, 50, 250, 500 epochs (lr 0.01) and 500, 5000 epochs (lr 0.001)." };
        var runsDir = CommonOptions.RunsDir();
        var name = CommonOptions.Name();
        var config = CommonOptions.Config();
        var command = new Command("copy",
            "Train y = w·x + b to output its input three ways (MSE + SGD, reward and penalty, framework-free), time them, and "
            + "compare their outputs for 1, 9, 123 and 123123123123 in float32 and float64.\n\nExamples:\n  neuroscope copy\n"
            + "  neuroscope copy --way reward --reward-shape linear --epochs 5000\n  neuroscope copy --way mse --sweep --dtype float64\n"
            + "  neuroscope copy prompt")
        {
            way, epochs, learningRate, rewardShape, rewardM, rewardS, rewardF, rewardT, dtype, seed, sweep, runsDir, name, config,
        };
        command.SetAction(parse =>
        {
            bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
            var settings = parse.GetValue(config) is { } path ? ExperimentJson.ReadFile<CopyConfig>(path) : new CopyConfig();
            if (Given(way))
                settings = settings with { Way = ParseEnum<CopyWay>("way", parse.GetValue(way), WayNames) };
            if (Given(dtype))
                settings = settings with { Dtype = ParseEnum<CopyDtype>("dtype", parse.GetValue(dtype), ["float32", "float64"]) };
            if (Given(rewardShape))
                settings = settings with { RewardShape = ParseEnum<RewardShape>("rewardShape", parse.GetValue(rewardShape), ["exp", "linear"]) };
            if (Given(learningRate))
                settings = settings with { LearningRate = parse.GetValue(learningRate)!.Value };
            if (Given(rewardM))
                settings = settings with { RewardM = parse.GetValue(rewardM)!.Value };
            if (Given(rewardS))
                settings = settings with { RewardS = parse.GetValue(rewardS)!.Value };
            if (Given(rewardF))
                settings = settings with { RewardF = parse.GetValue(rewardF)!.Value };
            if (Given(rewardT))
                settings = settings with { RewardT = parse.GetValue(rewardT)!.Value };
            if (Given(seed))
                settings = settings with { Seed = parse.GetValue(seed)!.Value };
            if (Given(sweep))
                settings = settings with { Sweep = parse.GetValue(sweep) };
            if (Given(epochs))
            {
                int count = parse.GetValue(epochs)!.Value;
                ConfigException.RequireRange("epochs", count, 1, 10_000_000);
                settings = settings with
                {
                    MseEpochs = settings.Includes(CopyWay.Mse) ? count : settings.MseEpochs,
                    RewardEpochs = settings.Includes(CopyWay.Reward) ? count : settings.RewardEpochs,
                    PureEpochs = settings.Includes(CopyWay.Pure) ? count : settings.PureEpochs,
                };
            }
            settings.Validate();
            return Execute(CommonOptions.Context(parse, output, error), settings, parse.GetValue(runsDir)!, parse.GetValue(name));
        });
        command.Subcommands.Add(CreatePrompt(output, error, input));
        return command;
    }

    private static int Execute(CliContext cli, CopyConfig config, string runsDir, string? name)
    {
        if (!cli.RichProgress && cli.Console_.Profile.Width < 150)
            // Redirected output has no terminal width; the results tables need about 130 columns.
            cli.Console_.Profile.Width = 150;
        return ExperimentRunner.Run(cli, Experiment, config, runsDir, name, MetricColumns,
            CopyNumber.Run, (result, run) => Finish(cli, result, run));
    }

    private static RunOutcome Finish(CliContext cli, CopyResult result, RunDirectory run)
    {
        var files = new List<string>();
        foreach (var way in result.Ways)
            // A diverged way's parameters are no model; the prompt must not offer them.
            if (way.Failure is null)
                files.Add(run.WriteJson(ParamsFile(way.Way), way.ToParameters()));
        if (result.Reward?.Trace is { } trace)
            files.Add(run.WriteText("reward_epochs.csv", RewardCsv(trace)));
        files.AddRange(CopyPlots.WriteAll(result, run.Path));

        PrintTables(cli, result);
        var summary = new CopySummary(result.Config, Summarize(result.Ways), Summarize(result.Sweep), result.Failure,
            files.ConvertAll(f => Path.GetFileName(f)));
        return new RunOutcome(summary, result.Failure);
    }

    private static string ParamsFile(CopyWay way) => $"params_{way.ToString().ToLowerInvariant()}.json";

    private static string RewardCsv(CopyRewardTrace trace)
    {
        var text = new StringBuilder("epoch,input,output,errorMargin,reward,penalty,loss\n");
        for (int i = 0; i < trace.Input.Length; i++)
            text.Append(CultureInfo.InvariantCulture,
                $"{i + 1},{trace.Input[i]:R},{trace.Output[i]:R},{trace.ErrorMargin[i]:R},{trace.Reward[i]:R},{trace.Penalty[i]:R},{trace.Penalty[i] - trace.Reward[i]:R}\n");
        return text.ToString();
    }

    private static List<CopyWaySummary> Summarize(IReadOnlyList<CopyWayResult> ways)
    {
        var list = new List<CopyWaySummary>(ways.Count);
        foreach (var w in ways)
            list.Add(new CopyWaySummary(w.Way, w.Dtype, w.Epochs, w.LearningRate, w.InitialWeight, w.InitialBias, w.Weight, w.Bias,
                w.FinalLoss, w.IdentityMse, w.Seconds, w.Outputs, w.Failure));
        return list;
    }

    private static void PrintTables(CliContext cli, CopyResult result)
    {
        var console = cli.Console_;
        var ways = new Table { Title = new TableTitle(Markup.Escape("Copy: each way's training")) };
        AddColumns(ways, "way", "dtype", "epochs", "lr", "time", "w", "b", "final loss", "MSE on [0, 10]");
        foreach (var w in result.Ways)
            AddRow(ways, WayName(w.Way), DtypeName(w.Dtype), w.Epochs.ToString(CultureInfo.InvariantCulture), Number(w.LearningRate, "G"),
                Time(w.Seconds), Number(w.Weight, "F4"), Number(w.Bias, "F4"), Number(w.FinalLoss, "G4"), Number(w.IdentityMse, "G4"));
        foreach (var column in ways.Columns.Skip(2))
            column.RightAligned();
        console.Write(ways);

        var outputs = new Table { Title = new TableTitle(Markup.Escape("Outputs, four decimals: float32 keeps 24 significant bits, so x = 123123123123 becomes 123123122176")) };
        AddColumns(outputs, "way", "input x", "x as float32", "output in float32", "output in float64", "float32 − float64");
        foreach (var w in result.Ways)
            foreach (var o in w.Outputs)
                AddRow(outputs, WayName(w.Way), Number(o.Input, "F4"), Number(o.Float32Input, "F4"), Number(o.Float32Output, "F4"),
                    Number(o.Float64Output, "F4"), Number(o.Float32Difference, "F4"));
        foreach (var column in outputs.Columns.Skip(1))
            column.RightAligned();
        console.Write(outputs);

        if (result.Sweep.Count > 0)
        {
            var probes = result.Config.ProbeInputs;
            var sweep = new Table { Title = new TableTitle(Markup.Escape($"Sweep of the MSE way ({DtypeName(result.Config.Dtype)}): outputs in float64")) };
            AddColumns(sweep, "epochs", "lr", "time", "w", "b", "final loss");
            foreach (double p in probes)
                AddColumns(sweep, $"y({Number(p, "G12")})");
            foreach (var entry in result.Sweep)
            {
                var cells = new List<string>
                {
                    entry.Epochs.ToString(CultureInfo.InvariantCulture), Number(entry.LearningRate, "G"), Time(entry.Seconds),
                    Number(entry.Weight, "F4"), Number(entry.Bias, "F4"), Number(entry.FinalLoss, "G4"),
                };
                foreach (var o in entry.Outputs)
                    cells.Add(Number(o.Float64Output, "F4"));
                AddRow(sweep, [.. cells]);
            }
            foreach (var column in sweep.Columns)
                column.RightAligned();
            console.Write(sweep);
        }
    }

    // Spectre reads square brackets as markup; every header and cell is plain text here.
    private static void AddColumns(Table table, params string[] headers)
    {
        foreach (string header in headers)
            table.AddColumn(new TableColumn(new Text(header)));
    }

    private static void AddRow(Table table, params string[] cells)
    {
        var row = new Text[cells.Length];
        for (int i = 0; i < cells.Length; i++)
            row[i] = new Text(cells[i]);
        table.AddRow(row);
    }

    private static string WayName(CopyWay way) => way.ToString().ToLowerInvariant();

    private static string DtypeName(CopyDtype dtype) => dtype == CopyDtype.Float32 ? "float32" : "float64";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Time(double seconds) => seconds >= 1
        ? seconds.ToString("F2", CultureInfo.InvariantCulture) + " s"
        : (seconds * 1000).ToString(seconds >= 0.01 ? "F0" : "F2", CultureInfo.InvariantCulture) + " ms";

    private static TEnum ParseEnum<TEnum>(string field, string? value, IReadOnlyCollection<string> known) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(ConfigException.RequireOneOf(field, value, known), ignoreCase: true);

    private static Command CreatePrompt(TextWriter output, TextWriter error, TextReader input)
    {
        var run = new Option<string?>("--run") { Description = "The run directory to load (default: the latest copy run under --runs-dir)." };
        var model = new Option<string?>("--model") { Description = "Which learned model to use: mse, reward or pure (default: the first the run has)." };
        var runsDir = CommonOptions.RunsDir();
        var command = new Command("prompt",
            "Load a trained copy model and answer numbers: type a number at 'Input a number:', 'exit' (or end of input, or Ctrl+C) to stop.\n\n"
            + "Examples:\n  neuroscope copy prompt\n  neuroscope copy prompt --run runs/copy_002 --model reward")
        {
            run, model, runsDir,
        };
        command.SetAction(parse =>
        {
            var cli = CommonOptions.Context(parse, output, error);
            string folder = parse.GetValue(run) ?? LatestRun(parse.GetValue(runsDir)!);
            var parameters = LoadParameters(RunDirectory.Open(folder), parse.GetValue(model));
            cli.Info(string.Create(CultureInfo.InvariantCulture,
                $"Loaded the {WayName(parameters.Way)} model of {folder}: y = {parameters.Weight:R}·x + {parameters.Bias:R} ({DtypeName(parameters.Dtype)}). Type 'exit' to stop."));

            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // Ctrl+C ends the loop cleanly instead of killing the process mid-line.
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                return RunPrompt(input, output, parameters, cancel.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    /// <summary>
    /// The prompt loop: writes <c>Input a number: </c>, reads a line, answers <c>Model output: X.XXXX</c>; <c>exit</c>
    /// (any case), end of input or cancellation end it with exit code 0, anything else that is not a finite number is
    /// answered with <c>NaN - Enter a valid number.</c>.
    /// </summary>
    internal static int RunPrompt(TextReader input, TextWriter output, CopyParameters parameters, CancellationToken cancellationToken)
    {
        while (true)
        {
            output.Write("Input a number: ");
            output.Flush();
            string? line;
            try
            {
                // Reading on a worker lets Ctrl+C end the wait even though Console.In cannot be cancelled.
                var read = Task.Run(input.ReadLine, CancellationToken.None);
                read.Wait(cancellationToken);
                line = read.Result;
            }
            catch (OperationCanceledException)
            {
                output.WriteLine();
                return CliApp.Success;
            }
            if (line is null)
            {
                output.WriteLine();
                return CliApp.Success;
            }
            string text = line.Trim();
            if (text.Equals("exit", StringComparison.OrdinalIgnoreCase))
                return CliApp.Success;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x))
                output.WriteLine("Model output: " + parameters.Predict(x).ToString("F4", CultureInfo.InvariantCulture));
            else
                output.WriteLine("NaN - Enter a valid number.");
        }
    }

    /// <summary>The copy run under <paramref name="runsDir"/> created last (by run.json's time) that holds learned parameters.</summary>
    private static string LatestRun(string runsDir)
    {
        string? latest = null;
        DateTimeOffset latestTime = DateTimeOffset.MinValue;
        if (Directory.Exists(runsDir))
        {
            foreach (string folder in Directory.EnumerateDirectories(runsDir))
            {
                if (!HasParameters(folder) || ReadCopyRunTime(folder) is not { } created)
                    continue;
                if (latest is null || created > latestTime || (created == latestTime && string.CompareOrdinal(folder, latest) > 0))
                {
                    latest = folder;
                    latestTime = created;
                }
            }
        }
        return latest ?? throw new UsageException(
            $"There is no copy run with learned parameters in '{runsDir}'. Train one first with 'neuroscope copy' (add --runs-dir {runsDir} if it should go there), or point to one with --run DIR.");
    }

    private static bool HasParameters(string folder)
    {
        foreach (string model in ModelNames)
            if (File.Exists(Path.Combine(folder, $"params_{model}.json")))
                return true;
        return false;
    }

    private static DateTimeOffset? ReadCopyRunTime(string folder)
    {
        string path = Path.Combine(folder, "run.json");
        if (!File.Exists(path))
            return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("experiment", out var experiment) || experiment.GetString() != Experiment)
                return null;
            return root.TryGetProperty("created", out var created) && created.TryGetDateTimeOffset(out var time)
                ? time
                : new DateTimeOffset(Directory.GetLastWriteTimeUtc(folder));
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            // A damaged run.json only means this folder is not a candidate.
            return null;
        }
    }

    private static CopyParameters LoadParameters(RunDirectory run, string? model)
    {
        var available = new List<string>();
        foreach (string name in ModelNames)
            if (File.Exists(run.File($"params_{name}.json")))
                available.Add(name);
        if (available.Count == 0)
            throw new UsageException($"run directory '{run.Path}' holds no learned parameters (params_mse.json, params_reward.json or params_pure.json); train with 'neuroscope copy' first.");
        string chosen = available[0];
        if (model is not null)
        {
            chosen = ConfigException.RequireOneOf("model", model, ModelNames);
            if (!available.Contains(chosen))
                throw new UsageException($"--model {chosen}: run directory '{run.Path}' has no {chosen} model; it has: {string.Join(", ", available)}.");
        }
        var parameters = ExperimentJson.ReadFile<CopyParameters>(run.File($"params_{chosen}.json"));
        if (!double.IsFinite(parameters.Weight) || !double.IsFinite(parameters.Bias) || !Enum.IsDefined(parameters.Dtype))
            throw new UsageException($"params_{chosen}.json in '{run.Path}' does not hold a usable model (w = {parameters.Weight}, b = {parameters.Bias}); the training may have diverged.");
        return parameters;
    }
}

/// <summary>summary.json of a copy run: the settings, each way's numbers without per-epoch arrays, the sweep, and the files written.</summary>
internal sealed record CopySummary(CopyConfig Config, IReadOnlyList<CopyWaySummary> Ways, IReadOnlyList<CopyWaySummary> Sweep,
    string? Failure, IReadOnlyList<string> Files);

/// <summary>One way's numbers in summary.json.</summary>
internal sealed record CopyWaySummary(CopyWay Way, CopyDtype Dtype, int Epochs, double LearningRate, double InitialWeight, double InitialBias,
    double Weight, double Bias, double FinalLoss, double IdentityMse, double Seconds, IReadOnlyList<CopyOutput> Outputs, string? Failure);
