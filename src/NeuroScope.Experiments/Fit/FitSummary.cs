namespace NeuroScope.Experiments.Fit;

/// <summary>summary.json of a fit run.</summary>
/// <param name="Target">The target in words.</param>
/// <param name="CompletedSteps">Steps completed.</param>
/// <param name="Steps">Steps configured.</param>
/// <param name="FinalLoss">The last training loss.</param>
/// <param name="FinalGeneralizationError">The last generalization error outside the box, or null (a PDE has none).</param>
/// <param name="FinalSharpness">The last top Hessian eigenvalue, or null when sharpness was off.</param>
/// <param name="TwoOverLearningRate">2/lr for plain gradient descent, else null.</param>
/// <param name="Diverged">Whether the loss became NaN or infinite.</param>
/// <param name="DivergedAtStep">Where, or null.</param>
/// <param name="RelativeL2Error">For a PDE, the relative L2 error against the exact solution.</param>
/// <param name="ExactSource">Where the exact solution came from.</param>
/// <param name="TrainingSeconds">Wall-clock time of the training loop.</param>
/// <param name="Headlines">The headline numbers.</param>
public sealed record FitSummary(
    string Target, int CompletedSteps, int Steps, double FinalLoss, double? FinalGeneralizationError, double? FinalSharpness,
    double? TwoOverLearningRate, bool Diverged, int? DivergedAtStep, double? RelativeL2Error, string? ExactSource,
    double TrainingSeconds, IReadOnlyList<Headline> Headlines);
