namespace NeuroScope.Experiments.Neuron;

/// <summary>One fit in summary.json: its setup in words, how it ended, and its recovery table.</summary>
/// <param name="Label">The fit's short name.</param>
/// <param name="Description">The setup in one sentence.</param>
/// <param name="Stop">Why it stopped.</param>
/// <param name="Message">The stop in words.</param>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="InitialLoss">The loss at the start.</param>
/// <param name="FinalLoss">The loss at the end.</param>
/// <param name="MaxError">The largest |learned − true|.</param>
/// <param name="Seconds">Wall-clock time.</param>
/// <param name="Simulations">Forward simulations run.</param>
/// <param name="Learned">The learned parameters (all four).</param>
/// <param name="Recovery">True, initial, learned and error per fitted parameter.</param>
public sealed record NeuronRunSummary(string Label, string Description, FitStop Stop, string Message, int Steps, double InitialLoss,
    double FinalLoss, double MaxError, double Seconds, long Simulations, LifParameters Learned, IReadOnlyList<RecoveryRow> Recovery)
{
    /// <summary>The summary of <paramref name="run"/>.</summary>
    public static NeuronRunSummary From(NeuronFitRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var r = run.Result;
        return new NeuronRunSummary(run.Label, run.Description, r.Stop, r.Message, r.Steps, r.History[0].Loss, r.FinalLoss, run.MaxError,
            r.Elapsed.TotalSeconds, r.Simulations, r.Final, run.Recovery);
    }
}
