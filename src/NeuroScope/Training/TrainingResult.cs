namespace NeuroScope.Training;

/// <summary>The outcome of <see cref="Trainer{T}.Fit"/>: the completed epochs' metrics and why training stopped.</summary>
/// <param name="EpochsRun">The number of complete epochs, each with its entry in <paramref name="History"/>.</param>
/// <param name="History">The metrics of every complete epoch, in order.</param>
/// <param name="StopReason">Why the fit ended.</param>
/// <param name="Message">A sentence saying why, for people (which callback stopped, at which step the loss diverged).</param>
/// <param name="Steps">The optimizer steps applied, those of a dropped partial epoch included.</param>
/// <param name="DivergedAtStep">For <see cref="TrainingStopReason.Diverged"/>, the zero-based index of the step whose loss was not finite; otherwise null.</param>
public sealed record TrainingResult(
    int EpochsRun,
    IReadOnlyList<EpochMetrics> History,
    TrainingStopReason StopReason,
    string Message,
    long Steps,
    long? DivergedAtStep);
