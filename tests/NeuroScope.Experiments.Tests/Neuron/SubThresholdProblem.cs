using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

/// <summary>The fitting problem shared by the gradient and fit tests: a target neuron that never fires.</summary>
internal static class SubThresholdProblem
{
    /// <summary>
    /// A 50 ms target driven by a constant 10: V∞ = v_rest + 10 = −60 mV, below every threshold used in the tests, so nothing
    /// fires, the voltage MSE is smooth in tau and both gradient sources are exact.
    /// </summary>
    public static NeuronProblem Create() =>
        new(NeuronTarget.Generate(new TargetConfig { Grid = new TimeGrid(0.1, 50.0), Current = InputCurrent.Constant(10.0) }));
}
