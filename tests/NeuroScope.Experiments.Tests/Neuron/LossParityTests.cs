using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

/// <summary>
/// The plain-double simulator (finite differences, landscapes) and the tensor simulator (surrogate gradient) run the same
/// LIF Euler step from the same initial condition, and each loss entry's two forms agree: for every loss, on a spiking and a
/// silent problem, the loss of the plain path equals the loss of the tensor path.
/// </summary>
public class LossParityTests
{
    private static readonly LifParameters At = new(tau: 20.0, vRest: -70.0, vThreshold: -55.0, vReset: -75.0);

    public static TheoryData<string, bool> Cases()
    {
        var cases = new TheoryData<string, bool>();
        foreach (var loss in NeuronLoss.All)
        {
            cases.Add(loss.Name, true);
            cases.Add(loss.Name, false);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PlainAndTensorPaths_GiveTheSameLoss(string name, bool spiking)
    {
        var loss = NeuronLoss.Parse(name);
        // 20 mV: the target (tau 25, v_threshold −52) and the neuron at At both fire; 15 mV: both settle at −55 mV, under threshold.
        var target = NeuronTarget.Generate(new TargetConfig
        {
            Grid = new TimeGrid(0.1, 100.0), Current = InputCurrent.Constant(spiking ? 20.0 : 15.0), Initial = InitialCondition.Depolarized,
        });
        // Every component counts in the combined loss; the surrogate's combined loss leaves out those without a tensor form.
        var all = NeuronLoss.Components.Aggregate(LossWeights.None, (w, l) => w.With(l, 1.0));
        var differentiable = NeuronLoss.Components.Aggregate(LossWeights.None, (w, l) => w.With(l, l.IsDifferentiable ? 1.0 : 0.0));
        var settings = new LossSettings { Weights = all };
        var problem = new NeuronProblem(target, loss, settings);

        double plain = problem.Evaluate(At);
        var tensors = LifParameterTensors.From(At, LifParameters.Names);
        var trace = DifferentiableLif.Simulate(tensors, target.Grid, target.CurrentSamples, target.Config.Initial);
        double tensorSimulation = loss.Value(new LossInput(trace.Voltage.ToArray(), trace.SpikeTimes, At.VReset, target, settings));

        Assert.Equal(spiking, problem.Simulate(At).SpikeCount > 0);
        Assert.Equal(problem.Simulate(At).SpikeTimes, trace.SpikeTimes);
        AssertClose(plain, tensorSimulation);
        if (loss.IsDifferentiable)
        {
            var surrogateSettings = new LossSettings { Weights = differentiable };
            double expected = new NeuronProblem(target, loss, surrogateSettings).Evaluate(At);
            double surrogate = loss.Differentiable(new SurrogateLossInput(trace, tensors, target, surrogateSettings)).Item();
            AssertClose(expected, surrogate);
        }
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * (1 + Math.Abs(expected)), $"expected {expected}, got {actual}");
}
