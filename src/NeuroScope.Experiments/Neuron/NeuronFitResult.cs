namespace NeuroScope.Experiments.Neuron;

/// <summary>The outcome of a fit: where it started and ended, why it stopped, and the whole history.</summary>
/// <param name="Names">The fitted parameters, in order.</param>
/// <param name="Initial">The starting parameters.</param>
/// <param name="Final">The last valid parameters the fit reached.</param>
/// <param name="History">One entry per visited point, the initial point first.</param>
/// <param name="Stop">Why the fit stopped.</param>
/// <param name="Message">A sentence about the stop, for logs.</param>
/// <param name="Simulations">How many forward simulations the fit ran (tensor simulations for the surrogate).</param>
/// <param name="Elapsed">Wall-clock time of the fit.</param>
public sealed record NeuronFitResult(IReadOnlyList<string> Names, LifParameters Initial, LifParameters Final, IReadOnlyList<FitStep> History,
    FitStop Stop, string Message, long Simulations, TimeSpan Elapsed)
{
    /// <summary>The loss at the last visited point.</summary>
    public double FinalLoss => History[^1].Loss;

    /// <summary>The number of optimizer steps taken.</summary>
    public int Steps => History[^1].Iteration;

    /// <summary>The recovery table against the true parameters <paramref name="truth"/>, one row per fitted parameter.</summary>
    public IReadOnlyList<RecoveryRow> Recovery(LifParameters truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        var rows = new RecoveryRow[Names.Count];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new RecoveryRow(Names[i], truth.Get(Names[i]), Initial.Get(Names[i]), Final.Get(Names[i]));
        return rows;
    }

    /// <summary>The largest |learned − true| over the fitted parameters.</summary>
    public double MaxError(LifParameters truth)
    {
        double worst = 0;
        foreach (var row in Recovery(truth))
            worst = Math.Max(worst, Math.Abs(row.Error));
        return worst;
    }
}
