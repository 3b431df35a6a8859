using System.CommandLine;
using System.Globalization;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Fit;
using NeuroScope.Experiments.Runs;
using NeuroScope.Plotting.Fit;
using Spectre.Console;

namespace NeuroScope.Cli.Commands;

/// <summary>
/// <c>neuroscope fit</c>: the function-approximation playground. Every <see cref="FitConfig"/> field is an option
/// (<c>learningRate</c> ↔ <c>--learning-rate</c>); <c>--config</c> starts from a config.json and options given
/// explicitly override it. Writes config.json, metrics.csv, summary.json, dashboard.png, the animation and model.nspm.
/// </summary>
internal static class FitCommand
{
    /// <summary>The experiment name stored in run.json, which <c>neuroscope replay</c> dispatches on.</summary>
    public const string Experiment = "fit";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var d = new FitConfig();
        var inputDimension = new Option<int?>("--input-dimension") { Description = $"Inputs of the network and target: 1 or 2 (default {d.InputDimension})." };
        var samples = new Option<int?>("--samples") { Description = $"Training samples drawn uniformly in the box (default {d.Samples})." };
        var box = new Option<string?>("--box") { Description = "Training interval min,max (2-D: the square, or xmin,xmax,ymin,ymax); default -2pi,2pi." };
        var noise = new Option<double?>("--noise") { Description = $"Std of the Gaussian noise on the targets (default {Invariant(d.Noise)})." };
        var seed = new Option<int?>("--seed") { Description = "Seed of samples, noise and weights (default 0)." };
        var target = new Option<string?>("--target") { Description = $"Registry target: {string.Join(", ", FitTargets.Names)} (default {d.Target})." };
        var targetParameters = new Option<string?>("--target-parameters", "--params") { Description = "Target parameters as name=value,… (e.g. a=0.02,c=-0.5 for poly)." };
        var expression = new Option<string?>("--expression") { Description = "A formula to fit instead, e.g. \"sin(3*x)*exp(-x^2/4)\" or \"sin(x)*cos(y)\"." };
        var dataFile = new Option<string?>("--data-file", "--data") { Description = "A CSV of samples x[,y],target to fit instead." };
        var hidden = new Option<string?>("--hidden") { Description = "Hidden layer widths, e.g. 64,64 (default)." };
        var activation = new Option<string?>("--activation") { Description = "tanh (default), relu, sigmoid, softplus, identity." };
        var optimizer = new Option<string?>("--optimizer") { Description = "gd (full-batch gradient descent, default), momentum or adam." };
        var learningRate = new Option<double?>("--learning-rate", "--lr") { Description = $"Step size (default {Invariant(d.LearningRate)})." };
        var momentum = new Option<double?>("--momentum") { Description = $"Momentum factor of --optimizer momentum (default {Invariant(d.Momentum)})." };
        var steps = new Option<int?>("--steps") { Description = $"Full-batch steps (default {d.Steps})." };
        var frameEvery = new Option<int?>("--frame-every") { Description = $"A frame every this many steps (default {d.FrameEvery})." };
        var sharpnessEvery = new Option<int?>("--sharpness-every") { Description = $"Sharpness every this many steps, 0 = off (default {d.SharpnessEvery})." };
        var powerIterations = new Option<int?>("--power-iterations") { Description = $"Power iterations per sharpness estimate (default {d.PowerIterations})." };
        var sharpnessTolerance = new Option<double?>("--sharpness-tolerance") { Description = $"Stop power iteration when the eigenvalue changes by at most this fraction, 0 = never (default {Invariant(d.SharpnessTolerance)})." };
        var gridPadding = new Option<double?>("--grid-padding") { Description = $"Plot grid padding as a fraction of the box width per side (default {Invariant(d.GridPadding)})." };
        var gridPoints = new Option<int?>("--grid-points") { Description = $"Plot grid points in 1-D (default {d.GridPoints})." };
        var gridPoints2d = new Option<int?>("--grid-points-2d") { Description = $"Plot grid points per axis in 2-D (default {d.GridPoints2d})." };
        var loss = new Option<string?>("--loss") { Description = "mse (default) or l1." };
        var l2 = new Option<double?>("--l2") { Description = "Weight of the L2 penalty weight*sum(theta^2) (default 0)." };
        var pde = new Option<string?>("--pde") { Description = "Learn a PDE's solution instead of data: poisson1d, helmholtz1d, poisson2d." };
        var rhs = new Option<string?>("--rhs") { Description = "Right-hand side g of the PDE: a registry name or a formula, e.g. \"-pi^2*sin(pi*x)\"." };
        var wavenumber = new Option<double?>("--wavenumber") { Description = "k of helmholtz1d (default 1)." };
        var collocation = new Option<int?>("--collocation") { Description = "Collocation points (default: --samples)." };
        var collocationBox = new Option<string?>("--collocation-box") { Description = "Where collocation points lie (default: the box)." };
        var pdeWeight = new Option<double?>("--pde-weight") { Description = "Weight of the mean squared residual (default 1)." };
        var boundary = new Option<string?>("--boundary") { Description = "Dirichlet values: u(left),u(right) in 1-D, one value in 2-D." };
        var boundaryWeight = new Option<double?>("--boundary-weight") { Description = "Weight of the boundary term (default 1)." };
        var exact = new Option<string?>("--exact") { Description = "Exact PDE solution as a formula, for the error report (1-D default: a fine finite-difference solution)." };
        var runsDir = CommonOptions.RunsDir();
        var name = CommonOptions.Name();
        var config = CommonOptions.Config();
        var command = new Command("fit",
            "Watch a small network learn a function by full-batch gradient descent, with the sharpness (top Hessian eigenvalue) against 2/lr.\n\n" +
            "Examples:\n  neuroscope fit\n  neuroscope fit --learning-rate 0.04 --steps 3000\n  neuroscope fit --expression \"sin(3*x)*exp(-x^2/4)\"\n" +
            "  neuroscope fit --input-dimension 2 --target sin_cos2d\n" +
            "  neuroscope fit --pde poisson1d --rhs \"-pi^2*sin(pi*x)\" --box 0,1 --boundary 0,0 --optimizer adam")
        {
            inputDimension, samples, box, noise, seed, target, targetParameters, expression, dataFile, hidden, activation,
            optimizer, learningRate, momentum, steps, frameEvery, sharpnessEvery, powerIterations, sharpnessTolerance, gridPadding, gridPoints,
            gridPoints2d, loss, l2, pde, rhs, wavenumber, collocation, collocationBox, pdeWeight, boundary, boundaryWeight,
            exact, runsDir, name, config,
        };
        command.SetAction(parse =>
        {
            var cli = CommonOptions.Context(parse, output, error);
            var c = parse.GetValue(config) is { } path ? ExperimentJson.ReadFile<FitConfig>(path) : new FitConfig();
            T Pick<T>(Option<T?> option, T current) where T : struct => parse.GetResult(option) is not null && parse.GetValue(option) is T v ? v : current;
            string? PickText(Option<string?> option, string? current) => parse.GetResult(option) is not null ? parse.GetValue(option) : current;
            c = c with
            {
                InputDimension = Pick(inputDimension, c.InputDimension),
                Samples = Pick(samples, c.Samples),
                Box = PickText(box, null) is { } b ? Numbers("box", b) : c.Box,
                Noise = Pick(noise, c.Noise),
                Seed = Pick(seed, c.Seed),
                Target = PickText(target, c.Target) ?? c.Target,
                TargetParameters = PickText(targetParameters, null) is { } p ? Parameters(p) : c.TargetParameters,
                Expression = PickText(expression, c.Expression),
                DataFile = PickText(dataFile, c.DataFile),
                Hidden = PickText(hidden, null) is { } h ? Widths(h) : c.Hidden,
                Activation = PickText(activation, c.Activation) ?? c.Activation,
                Optimizer = PickText(optimizer, c.Optimizer) ?? c.Optimizer,
                LearningRate = Pick(learningRate, c.LearningRate),
                Momentum = Pick(momentum, c.Momentum),
                Steps = Pick(steps, c.Steps),
                FrameEvery = Pick(frameEvery, c.FrameEvery),
                SharpnessEvery = Pick(sharpnessEvery, c.SharpnessEvery),
                PowerIterations = Pick(powerIterations, c.PowerIterations),
                SharpnessTolerance = Pick(sharpnessTolerance, c.SharpnessTolerance),
                GridPadding = Pick(gridPadding, c.GridPadding),
                GridPoints = Pick(gridPoints, c.GridPoints),
                GridPoints2d = Pick(gridPoints2d, c.GridPoints2d),
                Loss = PickText(loss, c.Loss) ?? c.Loss,
                L2 = Pick(l2, c.L2),
                Pde = PickText(pde, c.Pde),
                Rhs = PickText(rhs, c.Rhs),
                Wavenumber = Pick(wavenumber, c.Wavenumber),
                Collocation = parse.GetResult(collocation) is not null ? parse.GetValue(collocation) : c.Collocation,
                CollocationBox = PickText(collocationBox, null) is { } cb ? Numbers("collocationBox", cb) : c.CollocationBox,
                PdeWeight = Pick(pdeWeight, c.PdeWeight),
                Boundary = PickText(boundary, null) is { } bd ? Numbers("boundary", bd) : c.Boundary,
                BoundaryWeight = Pick(boundaryWeight, c.BoundaryWeight),
                Exact = PickText(exact, c.Exact),
                Name = PickText(name, c.Name),
            };
            return Run(cli, c, parse.GetValue(runsDir) ?? "runs");
        });
        return command;
    }

    /// <summary>Validates, runs and writes the run directory; the exit code is 0, 1 (diverged, cancelled) or 2 (bad input).</summary>
    public static int Run(CliContext cli, FitConfig config, string runsDir)
    {
        config.Validate();
        return ExperimentRunner.Run(cli, Experiment, config, runsDir, string.IsNullOrWhiteSpace(config.Name) ? "run" : config.Name,
            FunctionFit.MetricNames,
            (c, progress, token) =>
            {
                if (c.IsPde)
                    cli.Info($"[INFO] PDE: {c.Pde}, g = {c.Rhs}, box {string.Join(",", c.Box.Select(Invariant))}");
                else if (c.DataFile is not null)
                    cli.Info($"[INFO] Target function: data {c.DataFile}");
                else
                {
                    var t = FunctionFit.ResolveTarget(c)!;
                    cli.Info(t.Name == "expression" ? $"[INFO] Target function: expression {c.Expression} params={{}}" : $"[INFO] Target function: {t.Name} params={t.FormatParameters()}");
                }
                cli.Info("[INFO] Using device: cpu");
                return FunctionFit.Run(c, progress, token);
            },
            (result, run) => Finish(cli, result, run));
    }

    private static RunOutcome Finish(CliContext cli, FitResult result, RunDirectory run)
    {
        var c = result.Config;
        cli.Info(FormattableString.Invariant($"[INFO] Trained {result.CompletedSteps} steps in {result.Elapsed.TotalSeconds:F1} s"));
        result.Model.Save(run.File("model.nspm"));
        cli.Info($"[OK] Saved {run.File("model.nspm")}");
        FitDashboard.SavePng(result, run.File("dashboard.png"));
        cli.Info($"[OK] Saved {run.File("dashboard.png")}");
        AnimationOutcome? animation = null;
        if (!result.Cancelled)
        {
            animation = WithRenderProgress(cli, result.Frames.Count, progress => FitAnimation.Save(result, run.Path, null, progress));
            if (animation.Warning is not null)
                cli.Info($"[WARN] {animation.Warning}; wrote {Path.GetFileName(animation.Path)} instead.");
            cli.Info(FormattableString.Invariant($"[OK] Saved {animation.Path} ({animation.Frames} frames in {animation.Elapsed.TotalSeconds:F1} s)"));
        }
        if (result.RelativeL2Error is double relative)
            cli.Info(FormattableString.Invariant($"[INFO] Relative L2 error against the {result.ExactSource} solution: {relative:0.000e+00}"));

        double Last(double[] values) => values.Length == 0 ? double.NaN : values[^1];
        var summary = new FitSummary(
            result.TargetDescription, result.CompletedSteps, c.Steps, Last(result.Losses), Last(result.GeneralizationErrors),
            Last(result.Sharpness), string.Equals(c.Optimizer, "gd", StringComparison.OrdinalIgnoreCase) ? 2 / c.LearningRate : null,
            result.Diverged, result.DivergedAtStep, result.Cancelled, result.RelativeL2Error, result.ExactSource,
            result.Elapsed.TotalSeconds, animation is null ? null : Path.GetFileName(animation.Path), animation?.Elapsed.TotalSeconds);
        string? failed = result.Diverged
            ? $"The loss became NaN or infinite at step {result.DivergedAtStep}; lower the learning rate (now {Invariant(c.LearningRate)})."
            : result.Cancelled ? $"Cancelled after step {result.CompletedSteps}." : null;
        return new RunOutcome(summary, failed);
    }

    private static AnimationOutcome WithRenderProgress(CliContext cli, int frames, Func<IProgress<ExperimentProgress>, AnimationOutcome> render)
    {
        if (!cli.RichProgress)
        {
            int lastQuarter = 0;
            return render(new Reporter(report =>
            {
                int quarter = report.Total > 0 ? 4 * report.Step / report.Total : 0;
                if (quarter > lastQuarter && !cli.Quiet)
                    cli.Output.WriteLine($"[render] {report.Step}/{report.Total} frames");
                lastQuarter = quarter;
            }));
        }
        AnimationOutcome outcome = null!;
        cli.Console_.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("render", maxValue: Math.Max(1, frames));
                outcome = render(new Reporter(report => task.Value = report.Step));
            });
        return outcome;
    }

    private static double[] Numbers(string field, string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                // "-pi,pi" and "0,2*pi" are natural to type; they go through the formula parser.
                if (!Expression.TryParse(parts[i], out var formula, out _) || formula!.UsesY || formula.Text.Contains('x', StringComparison.OrdinalIgnoreCase))
                    throw new ConfigException(field, text, "give numbers separated by ',' (pi is allowed: -2*pi,2*pi)");
                values[i] = formula.Evaluate(0);
            }
        }
        return values;
    }

    private static int[] Widths(string text)
    {
        if (text.Trim().Length == 0 || text.Trim() == "none")
            return [];
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out widths[i]))
                throw new ConfigException("hidden", text, "give layer widths separated by ',' (e.g. 64,64), or none");
        return widths;
    }

    private static Dictionary<string, double> Parameters(string text)
    {
        var result = new Dictionary<string, double>();
        foreach (string pair in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            if (equals <= 0 || !double.TryParse(pair[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new ConfigException("targetParameters", text, "give name=value pairs separated by ',' (e.g. a=0.02,c=-0.5)");
            result[pair[..equals].Trim()] = value;
        }
        return result;
    }

    private static string Invariant(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private sealed class Reporter(Action<ExperimentProgress> handler) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => handler(value);
    }
}

/// <summary>summary.json of a fit run.</summary>
internal sealed record FitSummary(
    string Target, int CompletedSteps, int Steps, double FinalLoss, double FinalGeneralizationError, double FinalSharpness,
    double? TwoOverLearningRate, bool Diverged, int? DivergedAtStep, bool Cancelled, double? RelativeL2Error, string? ExactSource,
    double TrainingSeconds, string? Animation, double? AnimationSeconds);
