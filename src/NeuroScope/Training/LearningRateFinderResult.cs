namespace NeuroScope.Training;

/// <summary>The curve recorded by a <see cref="LearningRateFinder{T}"/> run and why it ended.</summary>
/// <param name="LearningRates">The learning rate used at each step.</param>
/// <param name="Losses">The smoothed loss after each step (bias-corrected exponential moving average, β = 0.98 by default).</param>
/// <param name="StepsRun">The steps taken; the length of both lists.</param>
/// <param name="StopReason">Why the run ended.</param>
/// <param name="StopMessage">A sentence saying why, with the step.</param>
/// <param name="Rule">The rule <see cref="Suggested"/> applies.</param>
public sealed record LearningRateFinderResult(
    IReadOnlyList<double> LearningRates,
    IReadOnlyList<double> Losses,
    int StepsRun,
    LearningRateFinderStopReason StopReason,
    string StopMessage,
    SuggestionRule Rule = SuggestionRule.LogLrGradient)
{
    /// <summary>The suggestion by <see cref="Rule"/> with Lightning's defaults (skip 10 points at the start and 1 at the end).</summary>
    public LearningRateSuggestion Suggested => Suggestion(rule: Rule);

    /// <summary>The learning rate suggested by <paramref name="rule"/> (default <see cref="Rule"/>) over the window [skipBegin, count − skipEnd); see <see cref="LearningRateSuggestion.Compute"/>.</summary>
    public LearningRateSuggestion Suggestion(int skipBegin = 10, int skipEnd = 1, SuggestionRule? rule = null) =>
        LearningRateSuggestion.Compute(LearningRates, Losses, skipBegin, skipEnd, rule ?? Rule);
}
