namespace NeuroScope.Experiments.Neuron;

/// <summary>What the neuron experiment produced: the target, the fits, the landscapes and the lessons in words.</summary>
/// <param name="Config">The configuration that ran.</param>
/// <param name="Target">The target of the mode's main problem.</param>
/// <param name="Initial">The initial neuron simulated under the target's current.</param>
/// <param name="Runs">The fits, the main one first (empty for simulate and landscape).</param>
/// <param name="Sweeps">1-D landscapes.</param>
/// <param name="Grid">The 2-D landscape over the first two parameters, or null.</param>
/// <param name="GridLoss">The name of the 2-D landscape's loss.</param>
/// <param name="Notes">Sentences that explain the outcome (printed and written to summary.json).</param>
public sealed record NeuronResult(NeuronConfig Config, NeuronTarget Target, SimulationResult Initial, IReadOnlyList<NeuronFitRun> Runs,
    IReadOnlyList<NamedLandscape> Sweeps, Landscape2D? Grid, string GridLoss, IReadOnlyList<string> Notes)
{
    /// <summary>The main fit (the first), or null when the mode fits nothing.</summary>
    public NeuronFitRun? Main => Runs.Count == 0 ? null : Runs[0];
}
