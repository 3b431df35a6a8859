namespace NeuroScope.Experiments.Neuron;

/// <summary>summary.json of a neuron run: the mode, the target's spikes, every fit with its recovery table, and the notes.</summary>
/// <param name="Mode">What ran.</param>
/// <param name="Currents">The input current of each recording the main fit used (the target's alone when nothing is fitted), in words.</param>
/// <param name="TargetSpikes">The target's spike times, ms.</param>
/// <param name="InitialSpikes">The initial neuron's spike times, ms.</param>
/// <param name="Runs">The fits, the main one first.</param>
/// <param name="GridMinimum">The smallest loss on the 2-D landscape and where, or null.</param>
/// <param name="Notes">The outcome in sentences.</param>
public sealed record NeuronSummary(NeuronMode Mode, IReadOnlyList<string> Currents, double[] TargetSpikes, double[] InitialSpikes,
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
        var currents = result.Main is { } main ? main.Problems.Select(p => p.Target.Config.Current.Name).ToArray() : [result.Target.Config.Current.Name];
        return new NeuronSummary(result.Config.Mode, currents, result.Target.SpikeTimes, result.Initial.SpikeTimes, runs, minimum, result.Notes);
    }

    /// <summary>The headline numbers, with labels and units.</summary>
    public IReadOnlyList<Headline> Headlines { get; init; } = [];
}
