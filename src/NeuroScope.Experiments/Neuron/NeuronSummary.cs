namespace NeuroScope.Experiments.Neuron;

/// <summary>summary.json of a neuron run: the mode, the target's spikes, every fit with its recovery table, and the notes.</summary>
/// <param name="Mode">What ran.</param>
/// <param name="Current">The target's input current, mV.</param>
/// <param name="TargetSpikes">The target's spike times, ms.</param>
/// <param name="InitialSpikes">The initial neuron's spike times, ms.</param>
/// <param name="Runs">The fits, the main one first.</param>
/// <param name="GridMinimum">The smallest loss on the 2-D landscape and where, or null.</param>
/// <param name="Notes">The outcome in sentences.</param>
public sealed record NeuronSummary(NeuronMode Mode, double Current, double[] TargetSpikes, double[] InitialSpikes,
    IReadOnlyList<NeuronRunSummary> Runs, double[]? GridMinimum, IReadOnlyList<string> Notes)
{
    /// <summary>The summary of <paramref name="result"/>.</summary>
    public static NeuronSummary From(NeuronResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var runs = new List<NeuronRunSummary>();
        foreach (var run in result.Runs)
            runs.Add(NeuronRunSummary.From(run));
        double[]? minimum = result.Grid is { } grid ? [grid.Minimum.X, grid.Minimum.Y, grid.MinimumLoss] : null;
        double current = result.Target.CurrentSamples.Length > 0 ? result.Target.CurrentSamples[0] : 0;
        return new NeuronSummary(result.Config.Mode, current, result.Target.SpikeTimes, result.Initial.SpikeTimes, runs, minimum, result.Notes);
    }

    /// <summary>The headline numbers, with labels and units.</summary>
    public IReadOnlyList<Headline> Headlines { get; init; } = [];
}
