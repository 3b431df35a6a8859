namespace NeuroScope.Experiments.Dose;

/// <summary>summary.json of a dose run: each way's final bias, its epochs or steps, the suggested learning rate, the exact minimizer, and the times.</summary>
/// <param name="Mode">The mode that ran.</param>
/// <param name="Dtype">The element type.</param>
/// <param name="ExactMinimizer">The exact minimizer b* of the training loss.</param>
/// <param name="MinimumLoss">The training loss at b*.</param>
/// <param name="Plain">The plain loop's outcome, or null.</param>
/// <param name="Trainer">The trainer's outcome, or null.</param>
/// <param name="Seconds">Wall-clock time of the whole experiment.</param>
public sealed record DoseSummary(string Mode, string Dtype, double ExactMinimizer, double MinimumLoss,
    DoseSummary.PlainOutcome? Plain, DoseSummary.TrainerOutcome? Trainer, double Seconds)
{
    /// <summary>Summarizes <paramref name="result"/>.</summary>
    public static DoseSummary From(DoseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plain = result.Plain is { } p
            ? new PlainOutcome(p.FinalBias, p.Steps, p.History.Count, p.StopReason, p.FinalLoss, p.LearningRate, p.Seconds)
            : null;
        var trainer = result.Trainer is { } t
            ? new TrainerOutcome(t.FinalBias, t.Finder.SuggestedLearningRate, t.LearningRate, t.History.Count, t.Steps,
                t.History.Count > 0 ? t.History[^1].Loss : double.NaN, t.BiasAtFitStart, t.FinderSeconds, t.FitSeconds)
            : null;
        return new DoseSummary(result.Config.Mode, result.Config.Dtype, result.Minimum.Bias, result.Minimum.Loss, plain, trainer, result.Seconds);
    }

    /// <summary>The headline numbers, with labels and units.</summary>
    public IReadOnlyList<Headline> Headlines { get; init; } = [];

    /// <summary>The plain loop's outcome.</summary>
    /// <param name="FinalBias">The learned final bias.</param>
    /// <param name="Steps">The optimizer steps taken.</param>
    /// <param name="Epochs">The epochs whose loss was computed (the stopping one included).</param>
    /// <param name="StopReason">Why the loop ended.</param>
    /// <param name="FinalLoss">The last epoch's total loss.</param>
    /// <param name="LearningRate">The SGD learning rate.</param>
    /// <param name="Seconds">Wall-clock time of the loop.</param>
    public sealed record PlainOutcome(double FinalBias, int Steps, int Epochs, PlainStopReason StopReason, double FinalLoss, double LearningRate, double Seconds);

    /// <summary>The trainer's outcome.</summary>
    /// <param name="FinalBias">The learned final bias.</param>
    /// <param name="SuggestedLearningRate">The finder's suggestion, or null when it had none.</param>
    /// <param name="LearningRate">The learning rate the fit used.</param>
    /// <param name="Epochs">The completed epochs.</param>
    /// <param name="Steps">The optimizer steps of the fit.</param>
    /// <param name="FinalLoss">The last epoch's mean batch loss.</param>
    /// <param name="BiasAtFitStart">The final bias the fit started from (the one before the finder).</param>
    /// <param name="FinderSeconds">Wall-clock time of the finder.</param>
    /// <param name="FitSeconds">Wall-clock time of the fit.</param>
    public sealed record TrainerOutcome(double FinalBias, double? SuggestedLearningRate, double LearningRate, int Epochs, long Steps,
        double FinalLoss, double BiasAtFitStart, double FinderSeconds, double FitSeconds);
}
