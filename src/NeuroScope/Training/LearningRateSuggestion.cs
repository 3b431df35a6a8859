namespace NeuroScope.Training;

/// <summary>A learning rate suggested from a learning-rate finder's curve, or the reason there is none.</summary>
/// <param name="LearningRate">The suggested learning rate, or null when none could be computed.</param>
/// <param name="Index">The index of the suggested point in the finder's full curve, or null.</param>
/// <param name="Rule">The rule that was applied.</param>
/// <param name="Reason">Why there is no suggestion (too few points in the window), or null when there is one.</param>
public sealed record LearningRateSuggestion(double? LearningRate, int? Index, SuggestionRule Rule, string? Reason)
{
    /// <summary>Whether a learning rate was suggested.</summary>
    public bool HasValue => LearningRate is not null;

    /// <summary>
    /// Applies <paramref name="rule"/> to the window [skipBegin, count − skipEnd) of a finder curve. The gradient rules drop
    /// non-finite losses and need at least two points left, as Lightning; the valley rule cuts the window at its first NaN,
    /// as fastai's <c>lr_find</c>, and needs one point. Unlike Python's <c>[skip_begin:-skip_end]</c>, skipEnd = 0 keeps the tail.
    /// </summary>
    /// <param name="learningRates">The learning rate of each step, positive.</param>
    /// <param name="losses">The smoothed loss of each step, as many as <paramref name="learningRates"/>.</param>
    /// <param name="skipBegin">Points ignored at the start, ≥ 0 (Lightning's default 10).</param>
    /// <param name="skipEnd">Points ignored at the end, ≥ 0 (Lightning's default 1).</param>
    /// <param name="rule">How to pick the point.</param>
    public static LearningRateSuggestion Compute(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses,
        int skipBegin = 10, int skipEnd = 1, SuggestionRule rule = SuggestionRule.LogLrGradient)
    {
        ArgumentNullException.ThrowIfNull(learningRates);
        ArgumentNullException.ThrowIfNull(losses);
        if (learningRates.Count != losses.Count)
            throw new ArgumentException($"There are {learningRates.Count} learning rates but {losses.Count} losses; a finder curve has one of each per step.", nameof(losses));
        if (skipBegin < 0)
            throw new ArgumentOutOfRangeException(nameof(skipBegin), skipBegin, "skipBegin must be at least 0.");
        if (skipEnd < 0)
            throw new ArgumentOutOfRangeException(nameof(skipEnd), skipEnd, "skipEnd must be at least 0.");
        if (!Enum.IsDefined(rule))
            throw new ArgumentOutOfRangeException(nameof(rule), rule, "rule must be LogLrGradient, LrGradient or Valley.");
        if (rule != SuggestionRule.Valley)
        {
            for (int i = 0; i < learningRates.Count; i++)
                if (!(learningRates[i] > 0) || !double.IsFinite(learningRates[i]))
                    throw new ArgumentException($"learningRates[{i}] is {InvariantFormat.Number(learningRates[i])}; learning rates must be positive and finite.", nameof(learningRates));
        }

        int count = losses.Count, end = count - skipEnd;
        var indices = new List<int>();
        for (int i = skipBegin; i < end; i++)
        {
            if (rule == SuggestionRule.Valley)
            {
                if (double.IsNaN(losses[i]))
                    break;
                indices.Add(i);
            }
            else if (double.IsFinite(losses[i]))
            {
                indices.Add(i);
            }
        }

        int needed = rule == SuggestionRule.Valley ? 1 : 2;
        if (indices.Count < needed)
        {
            int window = Math.Max(0, end - skipBegin);
            string reason = $"Not enough points for a suggestion: the curve has {count}, the window [{skipBegin}, {count} - {skipEnd}) holds {window}, "
                + $"{indices.Count} of them usable, and the {rule} rule needs at least {needed}. Run more steps (numTraining), use a longer loader, or lower skipBegin/skipEnd.";
            return new LearningRateSuggestion(null, null, rule, reason);
        }

        int best = rule == SuggestionRule.Valley
            ? indices[ValleyIndex(indices, losses)]
            : indices[SteepestDescent(indices, learningRates, losses, logSpacing: rule == SuggestionRule.LogLrGradient)];
        return new LearningRateSuggestion(learningRates[best], best, rule, null);
    }

    // The argmin (first on ties) of np.gradient(losses, x) with edge_order = 1: one-sided differences at the ends and,
    // inside, the second-order formula for uneven spacing (numpy's gradient: a·f[i−1] + b·f[i] + c·f[i+1]).
    private static int SteepestDescent(List<int> indices, IReadOnlyList<double> learningRates, IReadOnlyList<double> losses, bool logSpacing)
    {
        int n = indices.Count;
        double X(int k) => logSpacing ? Math.Log(learningRates[indices[k]]) : learningRates[indices[k]];
        double F(int k) => losses[indices[k]];

        int best = 0;
        double bestSlope = double.PositiveInfinity;
        for (int k = 0; k < n; k++)
        {
            double slope;
            if (k == 0)
                slope = (F(1) - F(0)) / (X(1) - X(0));
            else if (k == n - 1)
                slope = (F(n - 1) - F(n - 2)) / (X(n - 1) - X(n - 2));
            else
            {
                double dx1 = X(k) - X(k - 1), dx2 = X(k + 1) - X(k);
                double a = -dx2 / (dx1 * (dx1 + dx2));
                double b = (dx2 - dx1) / (dx1 * dx2);
                double c = dx1 / (dx2 * (dx1 + dx2));
                slope = a * F(k - 1) + b * F(k) + c * F(k + 1);
            }
            if (slope < bestSlope)
            {
                bestSlope = slope;
                best = k;
            }
        }
        return best;
    }

    // fastai's valley (fastai/callback/schedule.py), kept line for line: lds[i] is the length of the longest strictly
    // decreasing subsequence ending at i; the suggestion sits at max_start + ⌊s⌋ + ⌊s/2⌋ with s = (max_end − max_start)/3.
    // max_start can be −1 (a run starting at the first point), and fastai then indexes with a negative number, which
    // Python reads from the end; that is reproduced so results match fastai's.
    private static int ValleyIndex(List<int> indices, IReadOnlyList<double> losses)
    {
        int n = indices.Count;
        int maxStart = 0, maxEnd = 0;
        var lds = new int[n];
        Array.Fill(lds, 1);
        for (int i = 1; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (losses[indices[i]] < losses[indices[j]] && lds[i] < lds[j] + 1)
                    lds[i] = lds[j] + 1;
                if (lds[maxEnd] < lds[i])
                {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }
        double sections = (maxEnd - maxStart) / 3.0;
        int index = maxStart + (int)sections + (int)(sections / 2);
        return index < 0 ? index + n : index;
    }
}
