using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class VoltageMaeTests
{
    // Without input a neuron that starts at rest stays there: the target sits at −70 mV and a neuron with v_rest −68 at −68,
    // so every sample differs by exactly 2 mV.
    private static NeuronProblem RestingProblem() => new(
        NeuronTarget.Generate(new TargetConfig { Grid = new TimeGrid(0.1, 20.0), Current = InputCurrent.Constant(0.0) }),
        NeuronLoss.Parse("voltage-mae"));

    private static readonly LifParameters Raised = LifParameters.TargetDefault with { VRest = -68.0 };

    [Fact]
    public void VoltageMae_ConstantOffset_IsTheOffsetNotItsSquare()
    {
        var problem = RestingProblem();

        Assert.Same(NeuronLoss.VoltageMae, problem.Loss);
        Assert.Equal(2.0, problem.Evaluate(Raised), 12);
        Assert.Equal(4.0, (problem with { Loss = NeuronLoss.Voltage }).Evaluate(Raised), 12);
    }

    [Fact]
    public void VoltageMae_SurrogateGradient_IsTheSignOfTheOffset()
    {
        var problem = RestingProblem();

        // V = v_rest at every sample, so ∂/∂v_rest of mean|V − V_target| is sign(−68 − (−70)) = 1; tau has no effect at rest.
        var surrogate = DifferentiableLif.Gradient(problem, Raised, ["v_rest", "tau"]);
        var central = FiniteDifference.Gradient(problem, Raised, ["v_rest"]);

        Assert.Equal(1.0, surrogate["v_rest"], 12);
        Assert.Equal(0.0, surrogate["tau"], 12);
        Assert.Equal(1.0, central["v_rest"], 6);
    }
}
