namespace NeuroScope.Experiments.Dose;

/// <summary>The learning-rate finder's curve and its suggestion.</summary>
/// <param name="LearningRates">The learning rate of each trial.</param>
/// <param name="Losses">The smoothed loss after each trial.</param>
/// <param name="SuggestedLearningRate">The suggested learning rate (one of <paramref name="LearningRates"/>), or null when the curve was too short.</param>
/// <param name="SuggestedIndex">The index of the suggestion in the curve, or null.</param>
/// <param name="Rule">The suggestion rule, as the engine names it.</param>
/// <param name="StopReason">Why the finder ended, as the engine names it.</param>
/// <param name="StopMessage">The finder's sentence about why it ended (or, without a suggestion, why there is none).</param>
public sealed record FinderCurve(
    IReadOnlyList<double> LearningRates,
    IReadOnlyList<double> Losses,
    double? SuggestedLearningRate,
    int? SuggestedIndex,
    string Rule,
    string StopReason,
    string StopMessage);
