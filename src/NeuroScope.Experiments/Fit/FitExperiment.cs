using System.Globalization;
using NeuroScope.Experiments.Files;
using NeuroScope.Optim;

namespace NeuroScope.Experiments.Fit;

/// <summary>The function-approximation playground as a registered experiment: <c>neuroscope fit</c>.</summary>
public sealed class FitExperiment : Experiment<FitConfig, FitResult>
{
    /// <inheritdoc/>
    public override string Verb => "fit";

    /// <inheritdoc/>
    public override string Title => "Fit: function approximation and the edge of stability";

    /// <inheritdoc/>
    public override string Description =>
        "Watch a small network learn a function by full-batch gradient descent, with the sharpness (top Hessian eigenvalue) against 2/lr. "
        + "The dashboard tracks the loss, the error outside the training interval, the sharpness and the update along the top eigenvector; PDE residuals make it a PINN.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Examples =>
    [
        "fit", "fit --learning-rate 0.04 --steps 3000", "fit --expression \"sin(3*x)*exp(-x^2/4)\"", "fit --input-dimension 2 --target sin_cos2d",
        "fit --pde poisson1d --rhs \"-pi^2*sin(pi*x)\" --box 0,1 --boundary 0,0 --optimizer adam --learning-rate 0.003 --steps 2000 --collocation 100",
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<string> MetricColumns => FunctionFit.MetricNames;

    /// <inheritdoc/>
    public override IReadOnlyList<string> QuickArguments => ["--steps", "300", "--frame-every", "30", "--sharpness-every", "30"];

    /// <inheritdoc/>
    /// <remarks>At the default lr 0.01 the sharpness only reaches 175 of 2/lr = 200 in 5,000 steps; at 0.02 it crosses 2/lr and hovers there.</remarks>
    public override IReadOnlyList<string> TourArguments => ["--learning-rate", "0.02"];

    /// <inheritdoc/>
    /// <remarks>Figure 1 of Cohen et al., "Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability", ICLR 2021.</remarks>
    public override ExperimentSweep TourSweep => new(
        "Edge of stability: learning rates side by side",
        "The same network trained at several learning rates by neuroscope sweep, each run in its own process: the sharpness climbs until it "
        + "reaches its own 2/lr, then hovers there while the loss keeps falling (Cohen et al., ICLR 2021, Figure 1).",
        ["--learning-rate", "0.02,0.03,0.04", "--frame-every", "250", "--metric", "sharpness,loss"],
        ["--learning-rate", "0.02,0.04", "--steps", "300", "--frame-every", "100", "--sharpness-every", "30", "--metric", "sharpness,loss"],
        [
            new("compare_sharpness.png", "The sharpness of each run per step, its 2/lr dashed in the same colour: each run rises to its own line and settles on it, however far apart the lines are."),
            new("compare_loss.png", "The training loss of each run: a spike where the sharpness overshoots 2/lr, then a steady fall at the edge of stability."),
        ]);

    /// <inheritdoc/>
    public override IReadOnlyList<Picture> Pictures =>
    [
        new("dashboard.png", "Watch the sharpness (bottom left) against the dashed 2/lr line: where it crosses, the update along the top eigenvector (bottom right) jumps and the loss spikes, and afterwards the sharpness hovers at 2/lr, the edge of stability."),
        new("animation.mp4", "The same dashboard through training: the fit settles inside the shaded training box while the sharpness climbs towards 2/lr."),
    ];

    /// <inheritdoc/>
    public override FitResult Run(FitConfig config, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = FunctionFit.Run(config, progress, cancellationToken);
        if (result.Cancelled)
            throw new OperationCanceledException($"Cancelled after step {result.CompletedSteps}.", cancellationToken);
        return result;
    }

    /// <inheritdoc/>
    public override void Validate(FitConfig config) => config.Validate();

    /// <inheritdoc/>
    /// <remarks>Gradient descent is stable along an eigenvector only while its eigenvalue stays below 2/lr.</remarks>
    public override IReadOnlyList<ReferenceLine> ReferenceLines(FitConfig config) =>
        TwoOverLearningRate(config) is double edge && config.SharpnessEvery > 0 ? [new("sharpness", edge, "2/lr")] : [];

    /// <inheritdoc/>
    public override IReadOnlyList<string> Preamble(FitConfig config)
    {
        string target;
        if (config.IsPde)
            target = $"[INFO] PDE: {config.Pde}, g = {config.Rhs}, box {string.Join(",", config.Box.Select(Invariant))}";
        else if (config.DataFile is not null)
            target = $"[INFO] Target function: data {config.DataFile}";
        else
        {
            var t = FunctionFit.ResolveTarget(config)!;
            target = t.Name == "expression" ? $"[INFO] Target function: expression {config.Expression} params={{}}" : $"[INFO] Target function: {t.Name} params={t.FormatParameters()}";
        }
        return [target, "[INFO] Using device: cpu"];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<Headline> Headlines(FitResult result)
    {
        var lines = new List<Headline> { new("final loss", Last(result.Losses)) };
        if (TwoOverLearningRate(result.Config) is double edge && result.Sharpness.Length > 0)
            lines.Add(new("sharpness / (2/lr)", Last(result.Sharpness) / edge));
        if (result.Sharpness.Length > 0)
            lines.Add(new("final sharpness", Last(result.Sharpness)));
        if (result.RelativeL2Error is double relative)
            lines.Add(new("relative L2 error", relative));
        else
            lines.Add(new("generalization error", Last(result.GeneralizationErrors)));
        return lines;
    }

    /// <inheritdoc/>
    public override object Summary(FitResult result, IReadOnlyList<Headline> headlines) => new FitSummary(
        result.TargetDescription, result.CompletedSteps, result.Config.Steps, Last(result.Losses), Finite(Last(result.GeneralizationErrors)),
        Finite(Last(result.Sharpness)), TwoOverLearningRate(result.Config), result.Diverged, result.DivergedAtStep, result.RelativeL2Error,
        result.ExactSource, result.Elapsed.TotalSeconds, headlines);

    /// <inheritdoc/>
    public override string? Failure(FitResult result) => result.Diverged
        ? $"The loss became NaN or infinite at step {result.DivergedAtStep}; lower the learning rate (now {Invariant(result.Config.LearningRate)})."
        : null;

    /// <inheritdoc/>
    /// <remarks>A 2-D fit also writes surface.json: the last prediction and the target on the plot grid, with the training box.</remarks>
    public override void WriteFiles(FitResult result, IRunFiles files)
    {
        result.Model.Save(files.File("model.nspm"));
        if (Surface(result) is { } surface)
            surface.Write(files);
    }

    /// <summary>The 2-D fit's surfaces (prediction at the last frame, and the target where it is known), or null in 1-D or before any frame.</summary>
    public static SurfaceFile? Surface(FitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var grid = result.Grid;
        if (grid.InputDimension != 2 || result.Frames.Count == 0)
            return null;
        var prediction = result.Frames[^1];
        int columns = grid.X.Length;
        var surfaces = new List<(string, Func<int, int, double>)> { ("prediction", (r, c) => prediction[r * columns + c]) };
        if (grid.Target.Any(double.IsFinite))
            surfaces.Add((result.Config.IsPde ? "exact solution" : "target", (r, c) => grid.Target[r * columns + c]));
        var box = new SurfaceBox(grid.Box.XMin, grid.Box.XMax, grid.Box.YMin, grid.Box.YMax);
        return SurfaceFile.Create($"2-D fit of {result.TargetDescription} after {result.CompletedSteps} steps", "x", grid.X, "y", grid.Y,
            result.Config.IsPde ? "u" : "f(x, y)", surfaces, box);
    }

    /// <inheritdoc/>
    /// <remarks>The final numbers as one table, so <c>--quiet</c>, which keeps tables, still says how the run ended.</remarks>
    public override IReadOnlyList<ResultTable> Tables(FitResult result)
    {
        var rows = new List<IReadOnlyList<string>> { Row("steps", result.CompletedSteps), Row("final loss", Last(result.Losses)) };
        if (result.Sharpness.Length > 0)
            rows.Add(Row("final sharpness", Last(result.Sharpness)));
        if (TwoOverLearningRate(result.Config) is double edge)
        {
            rows.Add(Row("2/lr", edge));
            if (result.Sharpness.Length > 0)
                rows.Add(Row("sharpness / (2/lr)", Last(result.Sharpness) / edge));
        }
        if (result.RelativeL2Error is double relative)
            rows.Add(Row("relative L2 error", relative));
        else if (result.GeneralizationErrors.Length > 0)
            rows.Add(Row("generalization error", Last(result.GeneralizationErrors)));
        return [new ResultTable($"Fit: {result.TargetDescription}", ["quantity", "value"], rows)];

        static IReadOnlyList<string> Row(string name, double value) => [name, Invariant(value)];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Notes(FitResult result)
    {
        var notes = new List<string> { FormattableString.Invariant($"[INFO] Trained {result.CompletedSteps} steps in {result.Elapsed.TotalSeconds:F1} s") };
        if (result.RelativeL2Error is double relative)
            notes.Add(FormattableString.Invariant($"[INFO] Relative L2 error against the {result.ExactSource} solution: {relative:0.000e+00}"));
        return notes;
    }

    private static double? TwoOverLearningRate(FitConfig config) =>
        Optimizers.Parse(config.Optimizer) == OptimizerKind.GradientDescent ? 2 / config.LearningRate : null;

    private static double Last(double[] values) => values.Length == 0 ? double.NaN : values[^1];

    // A PINN has no generalization error and a run without sharpness has no sharpness: JSON says null, not "NaN".
    private static double? Finite(double value) => double.IsNaN(value) ? null : value;

    private static string Invariant(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
