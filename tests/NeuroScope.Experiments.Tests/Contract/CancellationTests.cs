using NeuroScope.Experiments.Copy;
using NeuroScope.Experiments.Dose;
using NeuroScope.Experiments.Fit;
using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Contract;

/// <summary>Every experiment reports cancellation the same way: an <see cref="OperationCanceledException"/> from Run.</summary>
public class CancellationTests
{
    public static TheoryData<string> Experiments() => ["dose", "copy", "fit", "neuron"];

    // The framework-free copy way looks at the token every 1,024 samples, so its run is made longer than that.

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Run_CancelledToken_ThrowsOperationCanceled(string verb)
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        IExperiment experiment = verb switch
        {
            "dose" => new DoseExperiment(),
            "copy" => new CopyExperiment(),
            "fit" => new FitExperiment(),
            _ => new NeuronExperiment(),
        };
        object config = verb switch
        {
            "dose" => new DoseConfig { Mode = "plain" },
            "copy" => new CopyConfig { Way = CopyWay.Pure, PureEpochs = 2048 },
            "fit" => new FitConfig { Steps = 5, Hidden = [4], SharpnessEvery = 0, GridPoints = 20, Samples = 10 },
            _ => new NeuronConfig { Mode = NeuronMode.Fit, Gradient = GradientSource.FiniteDifference, Iterations = 5, Duration = 20 },
        };

        Assert.ThrowsAny<OperationCanceledException>(() => experiment.Run(config, null, cancel.Token));
    }
}
