using NeuroScope.Experiments;
using NeuroScope.Experiments.Copy;
using NeuroScope.Experiments.Dose;
using NeuroScope.Experiments.Fit;
using NeuroScope.Experiments.Neuron;
using NeuroScope.Plotting.Copy;
using NeuroScope.Plotting.Dose;
using NeuroScope.Plotting.Fit;
using NeuroScope.Plotting.Neuron;

namespace NeuroScope.Cli;

/// <summary>
/// The experiments of the <c>neuroscope</c> command, in the order a learner meets them: one line each, which also hands
/// the experiment its picture writer (drawing lives in the plotting assembly, which the experiments cannot see).
/// </summary>
public static class ExperimentCatalog
{
    /// <summary>The four experiments.</summary>
    public static ExperimentRegistry Default { get; } = new(
    [
        new DoseExperiment { Draw = (result, folder, _) => DosePlots.SaveAll(result, folder) },
        new CopyExperiment { Draw = (result, folder, _) => CopyPlots.WriteAll(result, folder) },
        new FitExperiment { Draw = FitPictures.Draw },
        new NeuronExperiment { Draw = (result, folder, _) => NeuronPlots.SaveAll(result, folder) },
    ]);
}
