using System.Globalization;

namespace NeuroScope.Experiments.Dose;

/// <summary>The dose-response experiment as a registered experiment: <c>neuroscope dose</c>.</summary>
public sealed class DoseExperiment : Experiment<DoseConfig, DoseResult>
{
    /// <inheritdoc/>
    public override string Verb => "dose";

    /// <inheritdoc/>
    public override string Title => "Dose response: one learnable bias";

    /// <inheritdoc/>
    public override string Description =>
        "The dose-response net: two fixed ReLU branches and one learnable final bias learn that a middle dose works and none or a full dose don't. "
        + "A plain SGD loop (lr 0.1) and a Lightning-style trainer with the learning-rate finder (34 epochs) both learn the bias; the run draws the curves, losses, the finder's curve and a diagram of the net.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Examples =>
        ["dose", "dose --mode plain --learning-rate 0.05", "dose --mode trainer --dtype float64", "dose --config runs/dose_001/config.json"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> MetricColumns => ["loss", "bias", "lr"];

    /// <inheritdoc/>
    public override IReadOnlyList<Picture> Pictures =>
    [
        new("dose_net.png", "The net: every weight is frozen except the final bias b, which starts at 0 and is all that learns."),
        new("dose_target.png", "The goal: at the best bias b* the net's output is a narrow bump, 1 at the middle dose and 0 at none and at a full dose."),
        new("dose_loss.png", "Both ways drive the loss down on a straight line in log scale; the plain loop stops once its total drops below 0.0001, the trainer flattens where float32 runs out of digits."),
        new("dose_bias.png", "The bias falls from 0 towards −16 in a few epochs and settles on the exact minimizer (dashed) in both ways."),
        new("dose_curve.png", "Before training (left) the net says every dose but a full one works; after training (right) only the middle dose does, right on the targets."),
        new("dose_loss_vs_bias.png", "The loss is a parabola in b with its minimum at b* (zoomed on the right), and flat far below it, where the final ReLU cuts every dose."),
        new("dose_lr_find.png", "The learning-rate finder's smoothed loss as the rate grows; the marked point is its suggestion, where the loss falls most steeply."),
    ];

    /// <inheritdoc/>
    public override DoseResult Run(DoseConfig config, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DoseResponse.Run(config, progress, cancellationToken);

    /// <inheritdoc/>
    public override void Validate(DoseConfig config) => config.Validate();

    /// <inheritdoc/>
    public override IReadOnlyList<Headline> Headlines(DoseResult result)
    {
        var lines = new List<Headline>();
        if (result.Plain is { } plain)
            lines.Add(new("final bias, plain loop", plain.FinalBias));
        if (result.Trainer is { } trainer)
            lines.Add(new("final bias, trainer", trainer.FinalBias));
        lines.Add(new("exact minimizer", result.Minimum.Bias));
        return lines;
    }

    /// <inheritdoc/>
    public override object Summary(DoseResult result, IReadOnlyList<Headline> headlines) => DoseSummary.From(result) with { Headlines = headlines };

    /// <inheritdoc/>
    public override string? Failure(DoseResult result) =>
        result.Plain?.StopReason == PlainStopReason.Diverged
            ? $"the plain loop's total loss became {result.Plain.FinalLoss.ToString(CultureInfo.InvariantCulture)}; lower --learning-rate."
            : result.Trainer?.StopReason == "Diverged" ? "the trainer's loss became NaN or infinite." : null;

    /// <inheritdoc/>
    public override void WriteFiles(DoseResult result, IRunFiles files)
    {
        if (result.Trainer is { } trainer)
            files.WriteText("lr_find.csv", CsvText.Of(["lr", "smoothedLoss"],
                trainer.Finder.LearningRates.Select((lr, i) => (IReadOnlyList<double>)[lr, trainer.Finder.Losses[i]])));
        files.WriteText("loss_vs_bias.csv", CsvText.Of(["bias", "loss"],
            result.LossCurve.Biases.Select((b, i) => (IReadOnlyList<double>)[b, result.LossCurve.Losses[i]])));
    }

    /// <inheritdoc/>
    public override IReadOnlyList<ResultTable> Tables(DoseResult result)
    {
        var rows = new List<IReadOnlyList<string>>();
        if (result.Plain is { } plain)
        {
            string stop = plain.StopReason switch
            {
                PlainStopReason.LossRule => $"loss < {N(result.Config.StopLoss)}",
                PlainStopReason.EpochCap => $"{result.Config.Epochs} epochs",
                _ => "divergence",
            };
            rows.Add(["plain loop", F(plain.FinalBias, 4), plain.Steps.ToString(CultureInfo.InvariantCulture), stop, N(plain.LearningRate), F(plain.Seconds, 3)]);
        }
        if (result.Trainer is { } trainer)
        {
            string way = trainer.Finder.SuggestedLearningRate is null ? "trainer (no lr_find suggestion)" : "trainer + lr_find";
            rows.Add([way, F(trainer.FinalBias, 4), trainer.Steps.ToString(CultureInfo.InvariantCulture), $"{trainer.History.Count} epochs",
                F(trainer.LearningRate, 5), F(trainer.FinderSeconds + trainer.FitSeconds, 3)]);
        }
        rows.Add(["exact minimum", F(result.Minimum.Bias, 4), "", "", "", ""]);
        return [new ResultTable("dose: the learned final bias", ["way", "final bias", "steps", "stopped by", "lr", "seconds"], rows)];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Notes(DoseResult result) =>
        [string.Create(CultureInfo.InvariantCulture, $"Total: {result.Seconds:F3} s ({result.Config.Dtype}).")];

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
