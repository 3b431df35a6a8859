namespace NeuroScope.Experiments.Copy;

/// <summary>summary.json of a copy run: the settings, each way's numbers without per-epoch arrays, the sweep, and the headline numbers.</summary>
/// <param name="Config">The settings.</param>
/// <param name="Ways">Each way that ran.</param>
/// <param name="Sweep">The sweep of the MSE way; empty without one.</param>
/// <param name="Failure">The first failure, or null.</param>
/// <param name="Headlines">The headline numbers.</param>
public sealed record CopySummary(CopyConfig Config, IReadOnlyList<CopyWaySummary> Ways, IReadOnlyList<CopyWaySummary> Sweep,
    string? Failure, IReadOnlyList<Headline> Headlines)
{
    /// <summary>The summary of <paramref name="result"/>.</summary>
    public static CopySummary From(CopyResult result, IReadOnlyList<Headline> headlines) =>
        new(result.Config, Summarize(result.Ways), Summarize(result.Sweep), result.Failure, headlines);

    private static List<CopyWaySummary> Summarize(IReadOnlyList<CopyWayResult> ways) =>
        ways.Select(w => new CopyWaySummary(w.Way, w.Dtype, w.Epochs, w.LearningRate, w.InitialWeight, w.InitialBias, w.Weight, w.Bias,
            w.FinalLoss, w.IdentityMse, w.Seconds, w.Outputs, w.Failure)).ToList();
}

/// <summary>One way's numbers in summary.json.</summary>
public sealed record CopyWaySummary(CopyWay Way, CopyDtype Dtype, int Epochs, double LearningRate, double InitialWeight, double InitialBias,
    double Weight, double Bias, double FinalLoss, double IdentityMse, double Seconds, IReadOnlyList<CopyOutput> Outputs, string? Failure);
