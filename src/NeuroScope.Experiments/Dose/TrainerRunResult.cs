namespace NeuroScope.Experiments.Dose;

/// <summary>What the trainer way did: the learning-rate finder, then a fit at the suggested learning rate.</summary>
/// <param name="Samples">The dataset size (the three doses repeated in order), one sample per batch.</param>
/// <param name="InitialLearningRate">The learning rate the optimizer was created with for the finder.</param>
/// <param name="Finder">The finder's curve and suggestion.</param>
/// <param name="LearningRate">The learning rate the fit used: the suggestion, or <paramref name="InitialLearningRate"/> when there was none.</param>
/// <param name="BiasBeforeFinder">The final bias before the finder ran.</param>
/// <param name="BiasAfterFinder">The final bias after the finder restored the state.</param>
/// <param name="BiasAtFitStart">The final bias when the fit began.</param>
/// <param name="History">Every completed epoch of the fit.</param>
/// <param name="Steps">The optimizer steps the fit took.</param>
/// <param name="StopReason">Why the fit ended, as the engine names it.</param>
/// <param name="FinalBias">The final bias after the fit.</param>
/// <param name="Log">The lines the reference prints: the finder's suggestion and the final bias.</param>
/// <param name="FinderSeconds">Wall-clock time of the finder.</param>
/// <param name="FitSeconds">Wall-clock time of the fit.</param>
public sealed record TrainerRunResult(
    int Samples,
    double InitialLearningRate,
    FinderCurve Finder,
    double LearningRate,
    double BiasBeforeFinder,
    double BiasAfterFinder,
    double BiasAtFitStart,
    IReadOnlyList<DoseEpoch> History,
    long Steps,
    string StopReason,
    double FinalBias,
    IReadOnlyList<string> Log,
    double FinderSeconds,
    double FitSeconds);
