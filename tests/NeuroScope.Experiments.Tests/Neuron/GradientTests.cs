using NeuroScope.Experiments.Neuron;

namespace NeuroScope.Experiments.Tests.Neuron;

public class GradientTests
{
    private static readonly LifParameters Start = new(tau: 20.0, vRest: -68.0, vThreshold: -55.0, vReset: -80.0);

    [Fact]
    public void FiniteDifferences_ConvergeAtTheirOrders()
    {
        var problem = SubThresholdProblem.Create();
        string[] names = ["tau"];
        double exact = FiniteDifference.Gradient(problem, Start, names, FiniteDifferenceScheme.Central, 1e-3).Values[0];
        double Error(FiniteDifferenceScheme scheme, double h) =>
            Math.Abs(FiniteDifference.Gradient(problem, Start, names, scheme, h).Values[0] - exact);

        double forwardOrder = Math.Log2(Error(FiniteDifferenceScheme.Forward, 0.4) / Error(FiniteDifferenceScheme.Forward, 0.2));
        double backwardOrder = Math.Log2(Error(FiniteDifferenceScheme.Backward, 0.4) / Error(FiniteDifferenceScheme.Backward, 0.2));
        double centralOrder = Math.Log2(Error(FiniteDifferenceScheme.Central, 0.8) / Error(FiniteDifferenceScheme.Central, 0.4));

        Assert.InRange(forwardOrder, 0.85, 1.15);
        Assert.InRange(backwardOrder, 0.85, 1.15);
        Assert.InRange(centralOrder, 1.85, 2.15);
    }

    [Fact]
    public void FiniteDifferences_StepPerParameter_IsUsed()
    {
        Func<LifParameters, double> loss = p => p.Tau * p.Tau + 3 * p.VRest;
        var steps = new Dictionary<string, double> { ["tau"] = 0.5 };

        var g = FiniteDifference.Gradient(loss, Start, ["tau", "v_rest"], FiniteDifferenceScheme.Forward, steps, defaultStep: 1e-3);

        // Forward difference of τ² with h = 0.5 is 2τ + h.
        Assert.Equal(2 * 20.0 + 0.5, g["tau"], 9);
        Assert.Equal(3.0, g["v_rest"], 6);
    }

    [Fact]
    public void FiniteDifferences_UnknownName_ListsKnownNames()
    {
        var problem = SubThresholdProblem.Create();

        var error = Assert.Throws<ArgumentException>(() => FiniteDifference.Gradient(problem, Start, ["tau", "threshold"]));

        Assert.Contains("'threshold'", error.Message);
        Assert.Contains("tau, v_rest, v_threshold, v_reset", error.Message);
    }

    [Fact]
    public void Surrogate_EqualsExactGradientWhereNoSpikeOccurs()
    {
        var problem = SubThresholdProblem.Create();
        var names = LifParameters.Names;

        var surrogate = DifferentiableLif.Gradient(problem, Start, names);
        var central = FiniteDifference.Gradient(problem, Start, names, FiniteDifferenceScheme.Central, 1e-4);

        Assert.Empty(problem.Simulate(Start).SpikeTimes);
        Assert.Equal(problem.Evaluate(Start), surrogate.Loss, 9);
        for (int i = 0; i < names.Count; i++)
            Assert.True(Math.Abs(surrogate.Values[i] - central.Values[i]) <= 1e-6 * (1 + Math.Abs(central.Values[i])),
                $"{names[i]}: surrogate {surrogate.Values[i]} vs central {central.Values[i]}");
        Assert.NotEqual(0.0, surrogate["tau"]);
        Assert.NotEqual(0.0, surrogate["v_rest"]);
    }

    [Fact]
    public void NoSpikes_VoltageGradientInThreshold_IsExactlyZero()
    {
        // At 15 mV the target settles at −55 mV, under its threshold of −52, and never fires; the simulated neuron approaches its own −55 threshold from below.
        var problem = new NeuronProblem(NeuronTarget.Generate(new TargetConfig { Current = InputCurrent.Constant(15.0) }));

        var central = FiniteDifference.Gradient(problem, LifParameters.Default, ["v_threshold"]);
        var surrogate = DifferentiableLif.Gradient(problem, LifParameters.Default, ["v_threshold", "tau"]);
        var fullReset = DifferentiableLif.Gradient(problem, LifParameters.Default, ["v_threshold"], new SurrogateSettings { Reset = ResetGradient.Full });

        Assert.Empty(problem.Target.SpikeTimes);
        Assert.Empty(problem.Simulate(LifParameters.Default).SpikeTimes);
        Assert.Equal(0.0, central["v_threshold"]);
        Assert.Equal(0.0, surrogate["v_threshold"]);
        Assert.NotEqual(0.0, surrogate["tau"]);
        // Differentiating through the reset leaks the nowhere-zero surrogate into v_threshold even without spikes.
        Assert.NotEqual(0.0, fullReset["v_threshold"]);
    }

    [Fact]
    public void Surrogate_SpikingNeuron_GivesThresholdAGradientThroughTheSpikes()
    {
        var target = NeuronTarget.Generate(new TargetConfig { Grid = new TimeGrid(0.1, 200.0), Current = InputCurrent.Constant(20.0) });
        var weights = new LossWeights().With(NeuronLoss.SpikeTiming, 0);
        var problem = new NeuronProblem(target, NeuronLoss.Combined, new LossSettings { Weights = weights });

        var g = DifferentiableLif.Gradient(problem, LifParameters.Default with { Tau = 25, VReset = -75 }, ["v_threshold"]);

        // The default neuron's threshold (−55) is below the target's (−52), so it fires too often: raising the threshold helps.
        Assert.True(problem.Simulate(LifParameters.Default with { Tau = 25, VReset = -75 }).SpikeCount > target.SpikeTimes.Length);
        Assert.True(g["v_threshold"] < 0, g.ToString());
    }

    [Fact]
    public void Surrogate_UnsupportedLoss_SaysWhy()
    {
        var problem = SubThresholdProblem.Create() with { Loss = NeuronLoss.SpikeTiming };

        var error = Assert.Throws<NotSupportedException>(() => DifferentiableLif.Gradient(problem, Start, ["tau"]));

        Assert.Contains("spike timing loss (timing)", error.Message);
        Assert.Contains("finite differences", error.Message);
    }

    [Theory]
    [InlineData(-0.3)]
    [InlineData(0.0)]
    [InlineData(0.2)]
    public void SurrogateOps_ForwardIsTheStepAndBackwardTheSurrogate(double x)
    {
        var a = Tensor.Scalar(x).RequireGrad();
        var b = Tensor.Scalar(x).RequireGrad();

        var fast = a.HeavisideFastSigmoid(25.0);
        var atan = b.HeavisideAtan(2.0);
        fast.Backward();
        atan.Backward();

        Assert.Equal(x >= 0 ? 1.0 : 0.0, fast.Item());
        Assert.Equal(x >= 0 ? 1.0 : 0.0, atan.Item());
        Assert.Equal(1.0 / Math.Pow(25.0 * Math.Abs(x) + 1.0, 2), a.Grad!.Item(), 12);
        Assert.Equal(1.0 / (1.0 + Math.Pow(Math.PI / 2 * 2.0 * x, 2)), b.Grad!.Item(), 12);
    }

    [Fact]
    public void Verify_SubThreshold_SchemesAndSurrogateAgreeAndDescend()
    {
        var problem = SubThresholdProblem.Create();

        var report = GradientVerification.Verify(problem, Start, ["tau", "v_rest"], step: 1e-4);

        Assert.NotNull(report.Surrogate);
        Assert.True(report.Compare("central", "surrogate").Agrees(1e-6), report.Compare("central", "surrogate").ToString());
        Assert.True(report.Compare("forward", "backward").Agrees(1e-3));
        Assert.True(report.Compare("forward", "surrogate").CosineSimilarity > 0.9999);
        Assert.All(report.Descent, d => Assert.True(d.Decreased, d.ToString()));
    }

    [Fact]
    public void Landscape_SweepAndGrid_FindTheTrueParameters()
    {
        var problem = SubThresholdProblem.Create();
        var at = LifParameters.TargetDefault;

        var sweep = ParameterLandscape.Sweep(problem, at with { Tau = 15 }, new ParameterRange("tau", 15, 35, 41));
        var grid = ParameterLandscape.Grid(problem, at, new ParameterRange("tau", 20, 30, 11), new ParameterRange("v_rest", -72, -68, 9));

        Assert.Equal(25.0, sweep.MinimumValue, 9);
        Assert.Equal(0.0, sweep.MinimumLoss, 12);
        Assert.Equal(15.0, sweep.CenterValue);
        Assert.Equal((25.0, -70.0), (Math.Round(grid.Minimum.X, 9), Math.Round(grid.Minimum.Y, 9)));
        Assert.Equal(0.0, grid.MinimumLoss, 12);
    }

    [Fact]
    public void Landscape_InvalidPoints_AreHolesNotErrors()
    {
        var problem = SubThresholdProblem.Create();

        var sweep = ParameterLandscape.Sweep(problem, LifParameters.Default, new ParameterRange("v_reset", -90, -50, 5));

        Assert.True(double.IsFinite(sweep.Losses[0]));
        Assert.True(double.IsNaN(sweep.Losses[^1]));
    }

    [Fact]
    public void ParameterRange_UnknownNameOrTooFewPoints_IsRejected()
    {
        var unknown = Assert.Throws<ArgumentException>(() => new ParameterRange("threshold", 0, 1, 5));
        var points = Assert.Throws<ArgumentOutOfRangeException>(() => new ParameterRange("tau", 10, 30, 1));

        Assert.Contains("tau, v_rest, v_threshold, v_reset", unknown.Message);
        Assert.Equal("points", points.ParamName);
    }
}
