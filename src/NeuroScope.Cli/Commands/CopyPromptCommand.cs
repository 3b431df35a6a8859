using System.CommandLine;
using System.Globalization;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Copy;
using NeuroScope.Cli.Runs;

namespace NeuroScope.Cli.Commands;

/// <summary><c>neuroscope copy prompt</c>: loads a learned copy model and answers numbers typed at an <c>Input a number:</c> prompt.</summary>
internal static class CopyPromptCommand
{
    private const string Experiment = "copy";
    private static readonly string[] ModelNames = ["mse", "reward", "pure"];

    public static Command Create(TextWriter output, TextWriter error, TextReader input)
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

            // Ctrl+C or SIGTERM ends the loop cleanly instead of killing the process mid-line.
            return RunPrompt(input, output, parameters, Interrupts.Token, error);
        });
        return command;
    }

    /// <summary>The longest line the prompt reads; a number is at most a few dozen characters.</summary>
    internal const int MaxAnswerLength = 10_000;

    // One line, read no further than one character past the limit, so endless input without newlines stays bounded.
    private static string? ReadBoundedLine(TextReader input)
    {
        var line = new System.Text.StringBuilder();
        while (true)
        {
            int c = input.Read();
            if (c < 0)
                return line.Length == 0 ? null : line.ToString();
            if (c == '\n')
                return line.ToString().TrimEnd('\r');
            line.Append((char)c);
            if (line.Length > MaxAnswerLength)
                return line.ToString();
        }
    }

    /// <summary>
    /// The prompt loop: writes <c>Input a number: </c>, reads a line, answers <c>Model output: X.XXXX</c>; <c>exit</c>
    /// (any case), end of input or cancellation end it with exit code 0, anything else that is not a finite number is
    /// answered with <c>NaN - Enter a valid number.</c>; a line longer than <see cref="MaxAnswerLength"/> ends it with exit code 2.
    /// </summary>
    internal static int RunPrompt(TextReader input, TextWriter output, CopyParameters parameters, CancellationToken cancellationToken, TextWriter? error = null)
    {
        while (true)
        {
            output.Write("Input a number: ");
            output.Flush();
            string? line;
            try
            {
                // Reading on a worker lets Ctrl+C end the wait even though Console.In cannot be cancelled.
                var read = Task.Run(() => ReadBoundedLine(input), CancellationToken.None);
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
            if (line.Length > MaxAnswerLength)
            {
                // Not a number anyone typed (input from /dev/zero or a binary file): stop instead of reading without end.
                output.WriteLine();
                (error ?? output).WriteLine($"error: input: a line longer than {MaxAnswerLength} characters is not a number; give one number per line.");
                return CliApp.BadInput;
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

    /// <summary>The copy run under <paramref name="runsDir"/>, at any depth (tour runs included), created last (by run.json's time) that holds learned parameters.</summary>
    private static string LatestRun(string runsDir)
    {
        RunEntry? latest = null;
        foreach (var run in RunCatalog.List(runsDir))
        {
            if (run.Experiment != Experiment || run.Created is null || !HasParameters(run.Path))
                continue;
            if (latest is null || run.Created > latest.Created || (run.Created == latest.Created && string.CompareOrdinal(run.Path, latest.Path) > 0))
                latest = run;
        }
        return latest?.Path ?? throw new UsageException(
            $"There is no copy run with learned parameters in '{runsDir}'. Train one first with 'neuroscope copy' (add --runs-dir {runsDir} if it should go there), or point to one with --run DIR.");
    }

    private static bool HasParameters(string folder)
    {
        foreach (string model in ModelNames)
            if (File.Exists(Path.Combine(folder, $"params_{model}.json")))
                return true;
        return false;
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

    private static string WayName(CopyWay way) => way.ToString().ToLowerInvariant();

    private static string DtypeName(CopyDtype dtype) => dtype == CopyDtype.Float32 ? "float32" : "float64";
}
