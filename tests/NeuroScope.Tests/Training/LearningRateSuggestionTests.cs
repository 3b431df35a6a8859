using NeuroScope.Training;

namespace NeuroScope.Tests.Training;

public class LearningRateSuggestionTests
{
    // np.gradient(f, x) with edge_order = 1, as numpy documents it: one-sided differences at the ends and, inside,
    // the second-order accurate difference for uneven spacing hd = x[i] − x[i−1], hs = x[i+1] − x[i]:
    // (hd²·f[i+1] − hs²·f[i−1] + (hs² − hd²)·f[i]) / (hs·hd·(hd + hs)).
    private static double[] NumpyGradient(double[] f, double[] x)
    {
        int n = f.Length;
        var g = new double[n];
        g[0] = (f[1] - f[0]) / (x[1] - x[0]);
        g[n - 1] = (f[n - 1] - f[n - 2]) / (x[n - 1] - x[n - 2]);
        for (int i = 1; i < n - 1; i++)
        {
            double hd = x[i] - x[i - 1], hs = x[i + 1] - x[i];
            g[i] = (hd * hd * f[i + 1] - hs * hs * f[i - 1] + (hs * hs - hd * hd) * f[i]) / (hs * hd * (hd + hs));
        }
        return g;
    }

    private static int ArgMin(double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] < values[best])
                best = i;
        return best;
    }

    // The finder's grid from 1e-8 to 1 over 100 steps and a loss that falls fastest (against ln lr) at lr = 1e-4,
    // then rises again at large learning rates.
    private static (double[] Lrs, double[] Losses) SyntheticCurve()
    {
        var lrs = Enumerable.Range(0, 100).Select(k => LearningRateFinder<double>.LearningRateAt(k, 1e-8, 1, 100)).ToArray();
        var losses = lrs.Select(lr => 2 - Math.Tanh((Math.Log(lr) - Math.Log(1e-4)) / 2) + 3 * lr * lr).ToArray();
        return (lrs, losses);
    }

    [Fact]
    public void Suggestion_LogLrGradient_PicksTheSteepestDescentOfASyntheticCurve()
    {
        var (lrs, losses) = SyntheticCurve();
        var window = losses[10..99];
        int expected = 10 + ArgMin(NumpyGradient(window, lrs[10..99].Select(lr => Math.Log(lr)).ToArray()));

        var suggestion = LearningRateSuggestion.Compute(lrs, losses);

        Assert.Equal(expected, suggestion.Index);
        Assert.Equal(lrs[expected], suggestion.LearningRate);
        Assert.True(Math.Abs(Math.Log(suggestion.LearningRate!.Value / 1e-4)) <= Math.Log(1e8) / 100); // within one grid step
        Assert.Null(suggestion.Reason);
    }

    [Fact]
    public void Suggestion_LrGradient_TakesTheSlopeAgainstTheLearningRateItself()
    {
        // Against lr the slope is the log-slope divided by lr, so the pick moves far from 1e-4, to smaller rates.
        var (lrs, losses) = SyntheticCurve();
        int expected = 10 + ArgMin(NumpyGradient(losses[10..99], lrs[10..99]));
        var byLog = LearningRateSuggestion.Compute(lrs, losses, rule: SuggestionRule.LogLrGradient);

        var byLr = LearningRateSuggestion.Compute(lrs, losses, rule: SuggestionRule.LrGradient);

        Assert.Equal(expected, byLr.Index);
        Assert.True(byLr.Index < byLog.Index);
    }

    [Fact]
    public void Suggestion_UnevenSpacing_MatchesHandComputedGradient()
    {
        // x = [1, 2, 4, 5], f = [10, 8, 0, −1]: ends (8 − 10)/1 = −2 and (−1 − 0)/1 = −1; inside
        // i = 1: (1·0 − 4·10 + 3·8)/(2·1·3) = −8/3, i = 2: (4·(−1) − 1·8 − 3·0)/(1·2·3) = −2. Steepest: index 1.
        double[] lrs = [1, 2, 4, 5], losses = [10, 8, 0, -1];

        var suggestion = LearningRateSuggestion.Compute(lrs, losses, skipBegin: 0, skipEnd: 0, rule: SuggestionRule.LrGradient);

        Assert.Equal([-2, -8.0 / 3, -2, -1], NumpyGradient(losses, lrs), new ToleranceComparer(1e-12));
        Assert.Equal(1, suggestion.Index);
        Assert.Equal(2.0, suggestion.LearningRate);
    }

    [Fact]
    public void Suggestion_SteepestAtTheLastPoint_UsesTheOneSidedDifference()
    {
        // Even spacing: gradient [−1, −1, −4.5, −8]; the last point's backward difference is the steepest.
        double[] lrs = [1, 2, 3, 4], losses = [10, 9, 8, 0];

        var suggestion = LearningRateSuggestion.Compute(lrs, losses, skipBegin: 0, skipEnd: 0, rule: SuggestionRule.LrGradient);

        Assert.Equal(3, suggestion.Index);
    }

    [Fact]
    public void Suggestion_NonFiniteLossInWindow_IsDroppedAndTheIndexMapsBack()
    {
        // Without index 2 the points are (1, 5), (2, 4), (4, 3), (5, 0), (6, −0.5), with gradient
        // [−1, −5/6, −13/6, −7/4, −1/2]: the steepest is the point at lr 4, index 3 of the full curve.
        double[] lrs = [1, 2, 3, 4, 5, 6], losses = [5, 4, double.NaN, 3, 0, -0.5];

        var suggestion = LearningRateSuggestion.Compute(lrs, losses, skipBegin: 0, skipEnd: 0, rule: SuggestionRule.LrGradient);

        Assert.Equal(3, suggestion.Index);
        Assert.Equal(4.0, suggestion.LearningRate);
    }

    [Fact]
    public void Suggestion_WindowEmpty_ReturnsAReasonInsteadOfAGuess()
    {
        var lrs = Enumerable.Range(0, 11).Select(k => LearningRateFinder<double>.LearningRateAt(k, 1e-8, 1, 100)).ToArray();
        var losses = Enumerable.Range(0, 11).Select(k => 10.0 - k).ToArray();
        var result = new LearningRateFinderResult(lrs, losses, 11, LearningRateFinderStopReason.Diverged, "stopped");

        var suggestion = result.Suggestion();

        Assert.False(suggestion.HasValue);
        Assert.Null(suggestion.LearningRate);
        Assert.Null(suggestion.Index);
        Assert.Contains("window [10, 11 - 1) holds 0", suggestion.Reason);
        Assert.Contains("needs at least 2", suggestion.Reason);
        Assert.Equal(suggestion, result.Suggested);
    }

    [Fact]
    public void Suggestion_OnePointWindow_IsTooFewForAGradientButEnoughForValley()
    {
        double[] lrs = [1, 2, 3], losses = [3, 2, 1];

        var gradient = LearningRateSuggestion.Compute(lrs, losses, skipBegin: 1, skipEnd: 1);
        var valley = LearningRateSuggestion.Compute(lrs, losses, skipBegin: 1, skipEnd: 1, rule: SuggestionRule.Valley);

        Assert.False(gradient.HasValue);
        Assert.Equal(1, valley.Index);
    }

    [Fact]
    public void Valley_HandTracedCurve_PicksFastaisPoint()
    {
        // Longest strictly decreasing run: 7, 6, 5, 4, 3, 2, 1 at indices 2–8, so lds[8] = 7, max_end = 8 and
        // max_start = 8 − 7 = 1; sections = 7/3, index = 1 + ⌊7/3⌋ + ⌊7/6⌋ = 1 + 2 + 1 = 4.
        double[] losses = [5, 6, 7, 6, 5, 4, 3, 2, 1, 2, 3];
        var lrs = Enumerable.Range(0, losses.Length).Select(i => Math.Pow(10, i - 10.0)).ToArray();

        var suggestion = LearningRateSuggestion.Compute(lrs, losses, skipBegin: 0, skipEnd: 0, rule: SuggestionRule.Valley);

        Assert.Equal(4, suggestion.Index);
        Assert.Equal(lrs[4], suggestion.LearningRate);
    }

    [Fact]
    public void Valley_RespectsTheWindow()
    {
        // The same curve behind two skipped points: the pick moves by two.
        double[] losses = [0, 0, 5, 6, 7, 6, 5, 4, 3, 2, 1, 2, 3, 100];
        var lrs = Enumerable.Range(0, losses.Length).Select(i => i + 1.0).ToArray();

        var suggestion = LearningRateSuggestion.Compute(lrs, losses, skipBegin: 2, skipEnd: 1, rule: SuggestionRule.Valley);

        Assert.Equal(6, suggestion.Index);
    }

    [Fact]
    public void Valley_TwoPointRunAtTheStart_ReadsFromTheEndLikePython()
    {
        // lds = [1, 2, 1, 2]; max_end = 1, max_start = 1 − 2 = −1, index = −1 + 0 + 0 = −1, which fastai's
        // lrs[idx] reads as the last point.
        double[] losses = [3, 2, 5, 4], lrs = [1, 2, 3, 4];

        var suggestion = LearningRateSuggestion.Compute(lrs, losses, skipBegin: 0, skipEnd: 0, rule: SuggestionRule.Valley);

        Assert.Equal(3, suggestion.Index);
    }

    [Fact]
    public void Valley_NaNInWindow_CutsTheWindowThere()
    {
        // Only [5, 4, 3] remain: lds = [1, 2, 3], max_end = 2, max_start = −1, index = −1 + 1 + 0 = 0.
        double[] losses = [5, 4, 3, double.NaN, 2, 1, 0, -1], lrs = [1, 2, 3, 4, 5, 6, 7, 8];

        var suggestion = LearningRateSuggestion.Compute(lrs, losses, skipBegin: 0, skipEnd: 0, rule: SuggestionRule.Valley);

        Assert.Equal(0, suggestion.Index);
    }

    [Fact]
    public void Compute_BadArguments_ThrowNamingThem()
    {
        double[] lrs = [1, 2, 3], losses = [3, 2, 1];

        Assert.Equal("skipBegin", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSuggestion.Compute(lrs, losses, skipBegin: -1)).ParamName);
        Assert.Equal("skipEnd", Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSuggestion.Compute(lrs, losses, skipEnd: -1)).ParamName);
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => LearningRateSuggestion.Compute(lrs, [1.0, 2.0])).ParamName);
        Assert.Equal("learningRates", Assert.Throws<ArgumentException>(() => LearningRateSuggestion.Compute([1, 0, 3], losses, 0, 0)).ParamName);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
